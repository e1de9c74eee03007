import type { LabelSyntaxProblem } from '../../../shared/k8s/labelSelector';
import type {
  NameProblem,
  SelectorRowProblem,
  YamlFormProblem,
} from '../../../shared/kataconfig/createForm';
import { useKataTranslation } from '../../i18n';

/** Sentences for the create form's problem ids (shared logic returns ids; this translates). */
export const useCreateFormText = () => {
  const { t } = useKataTranslation();

  const syntax = (problem: LabelSyntaxProblem): string => {
    switch (problem) {
      case 'notAString':
        return t('Must be text.');
      case 'empty':
      case 'nameEmpty':
        return t('A name is required after the prefix.');
      case 'tooManySlashes':
        return t('A key has at most one "/", between an optional prefix and the name.');
      case 'prefixEmpty':
        return t('The prefix before "/" must not be empty.');
      case 'prefixTooLong':
        return t('The prefix must be at most 253 characters.');
      case 'prefixInvalid':
        return t('The prefix must be a DNS subdomain, such as example.com.');
      case 'nameTooLong':
        return t('The name must be at most 63 characters.');
      case 'nameInvalid':
        return t(
          'The name must start and end with a letter or digit and may contain "-", "_" and ".".',
        );
      case 'valueTooLong':
        return t('A value must be at most 63 characters.');
      case 'valueInvalid':
        return t(
          'A value must start and end with a letter or digit and may contain "-", "_" and ".".',
        );
    }
  };

  const nameProblem = (problem: NameProblem): string => {
    switch (problem) {
      case 'required':
        return t('A name is required.');
      case 'tooLong':
        return t('The name must be at most 253 characters.');
      case 'invalid':
        return t(
          'Use lowercase letters, digits, "-" and "."; start and end with a letter or digit.',
        );
    }
  };

  const selectorProblem = (problem: SelectorRowProblem): string => {
    switch (problem.code) {
      case 'keyRequired':
        return t('A label key is required.');
      case 'keyInvalid':
        return syntax(problem.problem);
      case 'keyDuplicate':
        return t('This key is already listed; a label can only have one value.');
      case 'valueInvalid':
        return t('"{{value}}": {{reason}}', {
          value: problem.value,
          reason: syntax(problem.problem),
        });
      case 'valuesRequired':
        return t('In and NotIn need at least one value.');
      case 'valuesForbidden':
        return t('Exists and DoesNotExist take no values.');
    }
  };

  const yamlProblem = (problem: YamlFormProblem): string => {
    switch (problem) {
      case 'notAnObject':
        return t('The YAML is not an object.');
      case 'wrongApiVersion':
        return t('apiVersion must be kataconfiguration.openshift.io/v1.');
      case 'wrongKind':
        return t('kind must be KataConfig.');
      case 'selectorNotAnObject':
        return t('spec.kataConfigPoolSelector must be an object.');
      case 'unknownOperator':
        return t('A matchExpressions operator is not In, NotIn, Exists or DoesNotExist.');
      case 'notABoolean':
        return t('checkNodeEligibility and enablePeerPods must be true or false.');
      case 'notAString':
        return t('logLevel must be text.');
    }
  };

  return { nameProblem, selectorProblem, yamlProblem };
};

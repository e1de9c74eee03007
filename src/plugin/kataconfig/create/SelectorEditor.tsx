import type { FC } from 'react';
import {
  Button,
  Flex,
  FlexItem,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  TextInput,
} from '@patternfly/react-core';
import { MinusCircleIcon, PlusCircleIcon } from '@patternfly/react-icons';
import { LABEL_SELECTOR_OPERATORS } from '../../../shared/k8s/labelSelector';
import type { LabelSelectorOperator } from '../../../shared/k8s/types';
import type {
  MatchExpressionRow,
  MatchLabelRow,
  SelectorEditorError,
  SelectorEditorModel,
} from '../../../shared/kataconfig/createForm';
import { VALUELESS_OPERATORS } from '../../../shared/kataconfig/createForm';
import { useKataTranslation } from '../../i18n';
import { useCreateFormText } from './useCreateFormText';

interface SelectorEditorProps {
  model: SelectorEditorModel;
  errors: SelectorEditorError[];
  onChange: (model: SelectorEditorModel) => void;
}

type ListName = SelectorEditorError['list'];
type FieldName = SelectorEditorError['field'];

const replaceAt = <T,>(list: readonly T[], index: number, item: T): T[] =>
  list.map((existing, i) => (i === index ? item : existing));
const removeAt = <T,>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);

/** Inline message under one field of one row. */
const FieldError: FC<{ messages: string[]; id: string }> = ({ messages, id }) =>
  messages.length === 0 ? null : (
    <FormHelperText>
      <HelperText id={id}>
        {messages.map((message) => (
          <HelperTextItem key={message} variant="error">
            {message}
          </HelperTextItem>
        ))}
      </HelperText>
    </FormHelperText>
  );

/** matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist), row by row. */
export const SelectorEditor: FC<SelectorEditorProps> = ({ model, errors, onChange }) => {
  const { t } = useKataTranslation();
  const { selectorProblem } = useCreateFormText();

  const messagesFor = (list: ListName, row: number, field: FieldName): string[] =>
    errors
      .filter((e) => e.list === list && e.row === row && e.field === field)
      .map((e) => selectorProblem(e.problem));
  const validated = (messages: string[]) => (messages.length > 0 ? 'error' : 'default');

  const setLabel = (index: number, row: MatchLabelRow) => {
    onChange({ ...model, matchLabels: replaceAt(model.matchLabels, index, row) });
  };
  const setExpression = (index: number, row: MatchExpressionRow) => {
    onChange({ ...model, matchExpressions: replaceAt(model.matchExpressions, index, row) });
  };

  return (
    <div data-test="selector-editor">
      <FormGroup label={t('Labels the nodes must have (matchLabels)')} role="group">
        {model.matchLabels.map((row, index) => {
          const keyErrors = messagesFor('matchLabels', index, 'key');
          const valueErrors = messagesFor('matchLabels', index, 'value');
          return (
            <Flex key={index} data-test={`match-label-${index}`}>
              <FlexItem grow={{ default: 'grow' }}>
                <TextInput
                  aria-label={t('Label key {{row}}', { row: index + 1 })}
                  value={row.key}
                  validated={validated(keyErrors)}
                  onChange={(_event, key) => {
                    setLabel(index, { ...row, key });
                  }}
                  data-test="match-label-key"
                />
                <FieldError messages={keyErrors} id={`match-label-${index}-key-error`} />
              </FlexItem>
              <FlexItem grow={{ default: 'grow' }}>
                <TextInput
                  aria-label={t('Label value {{row}}', { row: index + 1 })}
                  value={row.value}
                  validated={validated(valueErrors)}
                  onChange={(_event, value) => {
                    setLabel(index, { ...row, value });
                  }}
                  data-test="match-label-value"
                />
                <FieldError messages={valueErrors} id={`match-label-${index}-value-error`} />
              </FlexItem>
              <FlexItem>
                <Button
                  variant="plain"
                  icon={<MinusCircleIcon />}
                  aria-label={t('Remove label {{row}}', { row: index + 1 })}
                  onClick={() => {
                    onChange({ ...model, matchLabels: removeAt(model.matchLabels, index) });
                  }}
                />
              </FlexItem>
            </Flex>
          );
        })}
        <Button
          variant="link"
          icon={<PlusCircleIcon />}
          onClick={() => {
            onChange({ ...model, matchLabels: [...model.matchLabels, { key: '', value: '' }] });
          }}
          data-test="add-match-label"
        >
          {t('Add label')}
        </Button>
      </FormGroup>

      <FormGroup label={t('Expressions the nodes must satisfy (matchExpressions)')} role="group">
        {model.matchExpressions.map((row, index) => {
          const keyErrors = messagesFor('matchExpressions', index, 'key');
          const valuesErrors = messagesFor('matchExpressions', index, 'values');
          const valueless = VALUELESS_OPERATORS.includes(row.operator);
          return (
            <Flex key={index} data-test={`match-expression-${index}`}>
              <FlexItem grow={{ default: 'grow' }}>
                <TextInput
                  aria-label={t('Expression key {{row}}', { row: index + 1 })}
                  value={row.key}
                  validated={validated(keyErrors)}
                  onChange={(_event, key) => {
                    setExpression(index, { ...row, key });
                  }}
                  data-test="match-expression-key"
                />
                <FieldError messages={keyErrors} id={`match-expression-${index}-key-error`} />
              </FlexItem>
              <FlexItem>
                <FormSelect
                  aria-label={t('Operator {{row}}', { row: index + 1 })}
                  value={row.operator}
                  onChange={(_event, operator) => {
                    setExpression(index, {
                      ...row,
                      operator: operator as LabelSelectorOperator,
                      // Exists and DoesNotExist take no values: drop them rather than fail.
                      values: VALUELESS_OPERATORS.includes(operator as LabelSelectorOperator)
                        ? ''
                        : row.values,
                    });
                  }}
                  data-test="match-expression-operator"
                >
                  {LABEL_SELECTOR_OPERATORS.map((operator) => (
                    <FormSelectOption key={operator} value={operator} label={operator} />
                  ))}
                </FormSelect>
              </FlexItem>
              <FlexItem grow={{ default: 'grow' }}>
                <TextInput
                  aria-label={t('Values {{row}}, separated by commas', { row: index + 1 })}
                  placeholder={valueless ? t('No values') : t('value1, value2')}
                  value={row.values}
                  isDisabled={valueless}
                  validated={validated(valuesErrors)}
                  onChange={(_event, values) => {
                    setExpression(index, { ...row, values });
                  }}
                  data-test="match-expression-values"
                />
                <FieldError messages={valuesErrors} id={`match-expression-${index}-values-error`} />
              </FlexItem>
              <FlexItem>
                <Button
                  variant="plain"
                  icon={<MinusCircleIcon />}
                  aria-label={t('Remove expression {{row}}', { row: index + 1 })}
                  onClick={() => {
                    onChange({
                      ...model,
                      matchExpressions: removeAt(model.matchExpressions, index),
                    });
                  }}
                />
              </FlexItem>
            </Flex>
          );
        })}
        <Button
          variant="link"
          icon={<PlusCircleIcon />}
          onClick={() => {
            onChange({
              ...model,
              matchExpressions: [
                ...model.matchExpressions,
                { key: '', operator: 'In', values: '' },
              ],
            });
          }}
          data-test="add-match-expression"
        >
          {t('Add expression')}
        </Button>
      </FormGroup>
    </div>
  );
};

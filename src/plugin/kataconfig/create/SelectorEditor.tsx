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

/** One text field of a selector row, with its inline errors. */
const RowTextField: FC<{
  ariaLabel: string;
  value: string;
  errors: string[];
  errorId: string;
  dataTest: string;
  onChange: (value: string) => void;
  placeholder?: string;
  isDisabled?: boolean;
}> = ({ ariaLabel, value, errors, errorId, dataTest, onChange, placeholder, isDisabled }) => (
  <FlexItem grow={{ default: 'grow' }}>
    <TextInput
      aria-label={ariaLabel}
      placeholder={placeholder}
      value={value}
      isDisabled={isDisabled}
      validated={errors.length > 0 ? 'error' : 'default'}
      onChange={(_event, changed) => {
        onChange(changed);
      }}
      data-test={dataTest}
    />
    <FieldError messages={errors} id={errorId} />
  </FlexItem>
);

/** The button at the end of a row that removes it. */
const RemoveRowButton: FC<{ ariaLabel: string; onRemove: () => void }> = ({
  ariaLabel,
  onRemove,
}) => (
  <FlexItem>
    <Button variant="plain" icon={<MinusCircleIcon />} aria-label={ariaLabel} onClick={onRemove} />
  </FlexItem>
);

/** The button under a list of rows that adds an empty one. */
const AddRowButton: FC<{ label: string; dataTest: string; onAdd: () => void }> = ({
  label,
  dataTest,
  onAdd,
}) => (
  <Button variant="link" icon={<PlusCircleIcon />} onClick={onAdd} data-test={dataTest}>
    {label}
  </Button>
);

/** matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist), row by row. */
export const SelectorEditor: FC<SelectorEditorProps> = ({ model, errors, onChange }) => {
  const { t } = useKataTranslation();
  const { selectorProblem } = useCreateFormText();

  const messagesFor = (list: ListName, row: number, field: FieldName): string[] =>
    errors
      .filter((e) => e.list === list && e.row === row && e.field === field)
      .map((e) => selectorProblem(e.problem));

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
          return (
            <Flex key={index} data-test={`match-label-${index}`}>
              <RowTextField
                ariaLabel={t('Label key {{row}}', { row: index + 1 })}
                value={row.key}
                errors={messagesFor('matchLabels', index, 'key')}
                errorId={`match-label-${index}-key-error`}
                dataTest="match-label-key"
                onChange={(key) => {
                  setLabel(index, { ...row, key });
                }}
              />
              <RowTextField
                ariaLabel={t('Label value {{row}}', { row: index + 1 })}
                value={row.value}
                errors={messagesFor('matchLabels', index, 'value')}
                errorId={`match-label-${index}-value-error`}
                dataTest="match-label-value"
                onChange={(value) => {
                  setLabel(index, { ...row, value });
                }}
              />
              <RemoveRowButton
                ariaLabel={t('Remove label {{row}}', { row: index + 1 })}
                onRemove={() => {
                  onChange({ ...model, matchLabels: removeAt(model.matchLabels, index) });
                }}
              />
            </Flex>
          );
        })}
        <AddRowButton
          label={t('Add label')}
          dataTest="add-match-label"
          onAdd={() => {
            onChange({ ...model, matchLabels: [...model.matchLabels, { key: '', value: '' }] });
          }}
        />
      </FormGroup>

      <FormGroup label={t('Expressions the nodes must satisfy (matchExpressions)')} role="group">
        {model.matchExpressions.map((row, index) => {
          const valueless = VALUELESS_OPERATORS.includes(row.operator);
          return (
            <Flex key={index} data-test={`match-expression-${index}`}>
              <RowTextField
                ariaLabel={t('Expression key {{row}}', { row: index + 1 })}
                value={row.key}
                errors={messagesFor('matchExpressions', index, 'key')}
                errorId={`match-expression-${index}-key-error`}
                dataTest="match-expression-key"
                onChange={(key) => {
                  setExpression(index, { ...row, key });
                }}
              />
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
              <RowTextField
                ariaLabel={t('Values {{row}}, separated by commas', { row: index + 1 })}
                placeholder={valueless ? t('No values') : t('value1, value2')}
                value={row.values}
                isDisabled={valueless}
                errors={messagesFor('matchExpressions', index, 'values')}
                errorId={`match-expression-${index}-values-error`}
                dataTest="match-expression-values"
                onChange={(values) => {
                  setExpression(index, { ...row, values });
                }}
              />
              <RemoveRowButton
                ariaLabel={t('Remove expression {{row}}', { row: index + 1 })}
                onRemove={() => {
                  onChange({ ...model, matchExpressions: removeAt(model.matchExpressions, index) });
                }}
              />
            </Flex>
          );
        })}
        <AddRowButton
          label={t('Add expression')}
          dataTest="add-match-expression"
          onAdd={() => {
            onChange({
              ...model,
              matchExpressions: [
                ...model.matchExpressions,
                { key: '', operator: 'In', values: '' },
              ],
            });
          }}
        />
      </FormGroup>
    </div>
  );
};

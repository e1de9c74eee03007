/**
 * The SDK's CodeEditor (and the deprecated YAMLEditor, the same component in console) as a text
 * area: console runs Monaco, which the dev console does not ship. The props contract is kept:
 * `value`, `onChange(value, event)`, `language`, `minHeight`, `height`, `isReadOnly` (or
 * `options.readOnly`), `onSave` on Ctrl/Cmd+S, `toolbarLinks`; the ref gives a small
 * `editor` (getValue, setValue, focus) in place of Monaco's.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { Flex, FlexItem, TextArea } from '@patternfly/react-core';
import type { ChangeEvent, ReactNode } from 'react';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';

type CodeEditorProps = Parameters<typeof SDK.CodeEditor>[0];

interface TextAreaEditorProps {
  value?: string;
  onChange?: (value: string, event: ChangeEvent<HTMLTextAreaElement>) => void;
  language?: string;
  minHeight?: string;
  height?: string;
  isReadOnly?: boolean;
  options?: { readOnly?: boolean };
  onSave?: () => void;
  toolbarLinks?: ReactNode[];
  'aria-label'?: string;
  'data-test'?: string;
}

const rowsFor = (text: string): number => Math.min(40, Math.max(12, text.split('\n').length + 2));

export const CodeEditor: typeof SDK.CodeEditor = forwardRef((props: CodeEditorProps, ref) => {
  const {
    value = '',
    onChange,
    language,
    minHeight,
    height,
    isReadOnly,
    options,
    onSave,
    toolbarLinks,
    'aria-label': ariaLabel,
    'data-test': dataTest,
  } = props as TextAreaEditorProps;
  const [text, setText] = useState(value);
  const textRef = useRef<HTMLTextAreaElement>(null);
  // A new `value` from the parent replaces the text, as Monaco's model does.
  useEffect(() => {
    setText(value);
  }, [value]);
  useImperativeHandle(
    ref,
    () => ({
      editor: {
        getValue: () => textRef.current?.value ?? '',
        setValue: (next: string) => {
          setText(next);
        },
        focus: () => textRef.current?.focus(),
      },
      monaco: undefined,
    }),
    [],
  );
  const readOnly = Boolean(isReadOnly ?? options?.readOnly);
  return (
    <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsSm' }}>
      {toolbarLinks?.length ? (
        <Flex data-test="code-editor-toolbar">
          {toolbarLinks.map((link, index) => (
            <FlexItem key={index}>{link}</FlexItem>
          ))}
        </Flex>
      ) : null}
      <TextArea
        ref={textRef}
        aria-label={ariaLabel ?? (language ? `${language} editor` : 'Code editor')}
        data-test={dataTest ?? 'code-editor'}
        data-language={language}
        value={text}
        readOnlyVariant={readOnly ? 'default' : undefined}
        spellCheck={false}
        rows={rowsFor(text)}
        resizeOrientation="vertical"
        style={{
          fontFamily: 'var(--pf-t--global--font--family--mono)',
          ...(minHeight ? { minHeight } : {}),
          ...(height && height !== 'sizeToFit' ? { height } : {}),
        }}
        onChange={(event, next) => {
          setText(next);
          onChange?.(next, event);
        }}
        onKeyDown={(event) => {
          if (onSave && (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
            event.preventDefault();
            onSave();
          }
        }}
      />
    </Flex>
  );
});
CodeEditor.displayName = 'CodeEditor';

import type * as ReactI18next from 'react-i18next';

type TFunction = (key: string, options?: Record<string, unknown>) => string;

/** Interpolates `{{name}}` like i18next does, so tests read the English text users see. */
const t: TFunction = (key, options) =>
  key.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) =>
    String((options?.[name] as string | number | undefined) ?? ''),
  );

export const useTranslation = (() => ({
  t,
  i18n: { language: 'en' },
  ready: true,
})) as unknown as typeof ReactI18next.useTranslation;

export const Trans: typeof ReactI18next.Trans = (({ children }: { children?: unknown }) =>
  children) as unknown as typeof ReactI18next.Trans;

import { useTranslation } from 'react-i18next';

/** Must equal `plugin__<consolePlugin.name>`: Bridge finds the plugin's locales by it. */
export const I18N_NAMESPACE = 'plugin__kata-console-plugin';

export const useKataTranslation = () => useTranslation(I18N_NAMESPACE);

import type { KindModel } from '../k8s/model';
import {
  KATA_CONFIG_GROUP,
  KATA_CONFIG_KIND,
  KATA_CONFIG_PLURAL,
  KATA_CONFIG_VERSION,
} from './constants';

/** KataConfig is cluster-scoped and comes from a CRD the OSC operator (or our chart) installs. */
export const KataConfigModel: KindModel = {
  apiGroup: KATA_CONFIG_GROUP,
  apiVersion: KATA_CONFIG_VERSION,
  kind: KATA_CONFIG_KIND,
  plural: KATA_CONFIG_PLURAL,
  abbr: 'KC',
  label: 'KataConfig',
  labelPlural: 'KataConfigs',
  namespaced: false,
  crd: true,
  id: 'kataconfig',
};

{{/*
The plugin's name is fixed: the ConsolePlugin must be named like the plugin manifest
(package.json consolePlugin.name), and console-scoped objects are cluster singletons.
*/}}
{{- define "kcp.pluginName" -}}kata-console-plugin{{- end }}
{{- define "kcp.reconcilerName" -}}kata-console-plugin-reconciler{{- end }}
{{- define "kcp.consoleJobsName" -}}kata-console-plugin-console-patcher{{- end }}

{{- define "kcp.certSecretName" -}}
{{- default (printf "%s-cert" (include "kcp.pluginName" .)) .Values.plugin.certificateSecretName }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "kcp.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: kata-console-plugin
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Selector labels of one component (argument: dict "root" $ "component" "plugin"). */}}
{{- define "kcp.selectorLabels" -}}
app.kubernetes.io/name: {{ include (printf "kcp.%sName" .component) .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "kcp.componentLabels" -}}
{{ include "kcp.labels" .root }}
{{ include "kcp.selectorLabels" . }}
{{- end }}

{{/* An image reference (argument: dict "image" .Values.x.image "root" $). */}}
{{- define "kcp.image" -}}
{{- if .image.digest -}}
{{ .image.repository }}@{{ .image.digest }}
{{- else -}}
{{ .image.repository }}:{{ default .root.Chart.AppVersion .image.tag }}
{{- end -}}
{{- end }}

{{/* The pod-level hardening shared by every pod. */}}
{{- define "kcp.podSecurityContext" -}}
runAsNonRoot: true
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* The container-level hardening shared by every container. */}}
{{- define "kcp.containerSecurityContext" -}}
runAsNonRoot: true
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "kcp.imagePullSecrets" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Checks that JSON schema cannot express with a clear message. */}}
{{- define "kcp.validate" -}}
{{- if and .Values.reconciler.enabled (gt (int .Values.reconciler.replicas) 1) (not .Values.reconciler.leaderElection) }}
{{- fail "reconciler.replicas greater than 1 needs reconciler.leaderElection: true (two reconcilers without a leader would fight over the same KataConfig)" }}
{{- end }}
{{- if and .Values.reconciler.enabled (eq (int .Values.reconciler.metricsPort) (int .Values.reconciler.healthPort)) }}
{{- fail "reconciler.metricsPort and reconciler.healthPort must differ" }}
{{- end }}
{{- end }}

{{/* A console-plugins.sh Job (argument: dict "root" $ "action" "enable"|"disable" "hook" "..."). */}}
{{- define "kcp.consoleJob" -}}
{{- $root := .root -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "kcp.pluginName" $root }}-{{ .action }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "kcp.componentLabels" (dict "root" $root "component" "consoleJobs") | nindent 4 }}
  annotations:
    helm.sh/hook: {{ .hook }}
    helm.sh/hook-weight: "0"
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: 2
  activeDeadlineSeconds: {{ $root.Values.consoleJobs.activeDeadlineSeconds }}
  ttlSecondsAfterFinished: 3600
  template:
    metadata:
      labels:
        {{- include "kcp.componentLabels" (dict "root" $root "component" "consoleJobs") | nindent 8 }}
    spec:
      restartPolicy: Never
      serviceAccountName: {{ include "kcp.consoleJobsName" $root }}
      # The script talks to the API server: this pod needs its token.
      automountServiceAccountToken: true
      securityContext:
        {{- include "kcp.podSecurityContext" $root | nindent 8 }}
      {{- include "kcp.imagePullSecrets" $root | nindent 6 }}
      containers:
        - name: console-plugins
          image: {{ include "kcp.image" (dict "image" $root.Values.consoleJobs.image "root" $root) }}
          imagePullPolicy: {{ $root.Values.consoleJobs.image.pullPolicy }}
          command:
            - /bin/bash
            - -c
            - {{ $root.Files.Get "files/console-plugins.sh" | quote }}
            - console-plugins.sh
            - {{ .action }}
            - {{ include "kcp.pluginName" $root }}
          env:
            - name: HOME
              value: /tmp
          resources:
            {{- toYaml $root.Values.consoleJobs.resources | nindent 12 }}
          securityContext:
            {{- include "kcp.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
{{- end }}

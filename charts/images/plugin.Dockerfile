# The console plugin image: dist/ served by an unprivileged nginx on UBI 9, over TLS on 9443.
# Build from the repository root:
#   podman build -f charts/images/plugin.Dockerfile -t <registry>/kata-console-plugin:<version> .
# The chart mounts the same nginx.conf from a ConfigMap and the serving certificate at /var/cert.

# UBI_REGISTRY: the registry that serves Red Hat's UBI 9 images (pass --build-arg UBI_REGISTRY=...).
ARG UBI_REGISTRY

FROM ${UBI_REGISTRY}/ubi9/nodejs-22:latest AS build
USER root
WORKDIR /opt/app-root/build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json webpack.config.ts console-extensions.json ./
COPY locales ./locales
COPY src ./src
RUN npm run build

FROM ${UBI_REGISTRY}/ubi9/nginx-124:latest
LABEL name="kata-console-plugin" \
      summary="OpenShift console plugin for OpenShift sandboxed containers" \
      io.openshift.tags="openshift,console,plugin,kata"
COPY charts/kata-console-plugin/files/nginx.conf /etc/kata-console-plugin/nginx.conf
COPY --from=build /opt/app-root/build/dist /opt/app-root/src
USER 1001
EXPOSE 9443
CMD ["nginx", "-c", "/etc/kata-console-plugin/nginx.conf", "-g", "daemon off;"]

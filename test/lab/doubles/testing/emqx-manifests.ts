// Manifests for the workload tests: EMQX as a StatefulSet with a headless
// and a NodePort Service (today's practice), and the 2019 tutorial's
// Service whose selector matches nothing.

export function emqxManifest(opts: { replicas?: number; env?: string; volumes?: string; mounts?: string } = {}): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: kube-emqx
---
apiVersion: v1
kind: Service
metadata:
  name: emqx-headless
  namespace: kube-emqx
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector:
    app: emqx
  ports:
  - name: mqtt
    port: 1883
  - name: ekka
    port: 4370
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: emqx
  namespace: kube-emqx
spec:
  serviceName: emqx-headless
  podManagementPolicy: Parallel
  replicas: ${opts.replicas ?? 2}
  selector:
    matchLabels:
      app: emqx
  template:
    metadata:
      labels:
        app: emqx
        name: emqx
    spec:
      containers:
      - name: emqx
        image: emqx/emqx:5.8.6
        env:
        - name: EMQX_DASHBOARD__DEFAULT_PASSWORD
          value: lab-dashboard-secret
${opts.env ?? ''}        ports:
        - name: mqtt
          containerPort: 1883
        - name: dashboard
          containerPort: 18083
${opts.mounts ?? ''}${opts.volumes ?? ''}---
apiVersion: v1
kind: Service
metadata:
  name: emqx-nodeport
  namespace: kube-emqx
spec:
  type: NodePort
  selector:
    app: emqx
  ports:
  - name: mqtt
    port: 1883
    targetPort: mqtt
    nodePort: 31883
  - name: dashboard
    port: 18083
    targetPort: dashboard
    nodePort: 30083
`;
}

/** The tutorial's Service: selector name: mqtt, while the pods say name: emqx. */
export const TUTORIAL_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: mqtt-tutorial
  namespace: kube-emqx
spec:
  type: NodePort
  selector:
    name: mqtt
  ports:
  - name: mqtt
    port: 1883
    nodePort: 31884
`;

export const AUTH_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: emqx-users
  namespace: kube-emqx
stringData:
  users.csv: |
    user_id,password,is_superuser
    device1,device1-password,false
`;

export const AUTH_ENV = `        - name: EMQX_AUTHENTICATION__1__MECHANISM
          value: password_based
        - name: EMQX_AUTHENTICATION__1__BACKEND
          value: built_in_database
        - name: EMQX_AUTHENTICATION__1__BOOTSTRAP_FILE
          value: /opt/emqx/etc/auth/users.csv
        - name: EMQX_AUTHENTICATION__1__BOOTSTRAP_TYPE
          value: plain
`;

export const AUTH_MOUNTS = `        volumeMounts:
        - name: users
          mountPath: /opt/emqx/etc/auth
`;

export const AUTH_VOLUMES = `      volumes:
      - name: users
        secret:
          secretName: emqx-users
`;

"""The benchmarks' objects: COUNT objects in 4 namespaces (a quarter each of ConfigMap, Secret
with stringData, Service and Deployment), one file each, plus the 4 Namespaces.

Usage: python3 Benchmarks/bench_objects.py FOLDER COUNT
"""
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
os.makedirs(root, exist_ok=True)
with open(os.path.join(root, "00-namespaces.yaml"), "w") as f:
    f.write("\n---\n".join(f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench-{n}\n" for n in range(4)))
for i in range(count):
    ns = f"bench-{i % 4}"
    folder = os.path.join(root, ns)
    os.makedirs(folder, exist_ok=True)
    kind = (i // 4) % 4
    with open(os.path.join(folder, f"object-{i:05d}.yaml"), "w") as f:
        if kind == 0:
            f.write(f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-{i}\n  namespace: {ns}\ndata:\n  LOG_LEVEL: info\n  TIMEOUT: \"30\"\n")
        elif kind == 1:
            f.write(f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: secret-{i}\n  namespace: {ns}\ntype: Opaque\nstringData:\n  password: p{i}\n")
        elif kind == 2:
            f.write(f"apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-{i}\n  namespace: {ns}\nspec:\n  selector:\n    app: app-{i}\n  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n")
        else:
            f.write(f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  namespace: {ns}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: app-{i}
  template:
    metadata:
      labels:
        app: app-{i}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          ports:
            - containerPort: 8080
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
""")

/**
 * Synthetic clusters for scripts/bench.ts: many namespaces of the same shape, each with a handful of
 * pods (frontend / backend / db tiers) and five realistic NetworkPolicies (default deny, DNS egress,
 * frontend -> backend, gateway -> frontend, backend egress to databases and an internal ipBlock), plus
 * kube-system with CoreDNS and the policy letting every namespace reach it on port 53.
 */
export type K8sObject = Record<string, unknown>;

export interface ClusterShape {
  namespaces: number;
  podsPerNamespace: number;
  /** Policies per namespace, 1..5 (the five templates, in order). @default 5 */
  policiesPerNamespace?: number;
  /**
   * Total policies instead (overrides policiesPerNamespace): spread round-robin over the namespaces,
   * cycling through the five templates; repeats are variants (renamed, ports shifted).
   */
  totalPolicies?: number;
}

export interface SyntheticCluster {
  objects: K8sObject[];
  /** `ns/name` of every pod except CoreDNS. */
  pods: string[];
  dns: string;
  policyCount: number;
}

const TIERS = ["frontend", "frontend", "backend", "backend", "backend", "db", "backend", "frontend", "db", "backend"] as const;

function nsName(i: number): string { return `team-${String(i).padStart(4, "0")}`; }

function pod(namespace: string, name: string, labels: Record<string, string>, ip: string, ports: K8sObject[]): K8sObject {
  return {
    apiVersion: "v1", kind: "Pod",
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: "app", image: "registry.k8s.io/pause:3.9", ports }] },
    status: { phase: "Running", podIP: ip },
  };
}

function policy(namespace: string, name: string, spec: K8sObject): K8sObject {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec };
}

function namespacePolicies(ns: string, i: number, count: number): K8sObject[] {
  const out: K8sObject[] = [];
  for (let k = 0; k < count; k++) {
    const variant = Math.floor(k / 5);
    const p = templates(ns, i, variant)[k % 5] as K8sObject;
    out.push(p);
  }
  return out;
}

function templates(ns: string, i: number, variant: number): K8sObject[] {
  const v = variant === 0 ? "" : `-v${variant}`;
  const shift = variant * 10;
  return [
    policy(ns, `default-deny${v}`, { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
    policy(ns, `allow-dns-egress${v}`, {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{
        to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
        ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
      }],
    }),
    policy(ns, `frontend-to-backend${v}`, {
      podSelector: { matchLabels: { tier: "backend" } },
      ingress: [{ from: [{ podSelector: { matchLabels: { tier: "frontend" } } }], ports: [{ port: 8080 + shift }, { port: "metrics" }] }],
    }),
    policy(ns, `gateway-to-frontend${v}`, {
      podSelector: { matchLabels: { tier: "frontend" } },
      ingress: [
        { from: [{ namespaceSelector: { matchLabels: { role: "gateway" } } }, { ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }], ports: [{ port: "http" }, { port: 443 + shift }] },
        { from: [{ namespaceSelector: { matchExpressions: [{ key: "team", operator: "In", values: [`t${i % 10}`, `t${(i + 1) % 10}`] }] }, podSelector: { matchLabels: { tier: "frontend" } } }] },
      ],
    }),
    policy(ns, `backend-egress${v}`, {
      podSelector: { matchExpressions: [{ key: "tier", operator: "In", values: ["backend", "frontend"] }] },
      policyTypes: ["Egress"],
      egress: [
        { to: [{ podSelector: { matchLabels: { tier: "backend" } } }, { podSelector: { matchLabels: { tier: "db" } } }], ports: [{ port: 5432 + shift }, { port: 8080 }] },
        { to: [{ namespaceSelector: { matchLabels: { team: `t${i % 10}` } }, podSelector: { matchLabels: { tier: "backend" } } }], ports: [{ port: 8000, endPort: 8100 }] },
        { to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.96.0.0/12"] } }], ports: [{ port: 443 }] },
      ],
    }),
  ];
}

/** Build a cluster of the given shape. Pod IPs are 10.(128 + i / 250).(i % 250).n. */
export function buildCluster(shape: ClusterShape): SyntheticCluster {
  const perNs = shape.policiesPerNamespace ?? 5;
  const total = shape.totalPolicies;
  const objects: K8sObject[] = [];
  const pods: string[] = [];
  objects.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: "kube-system", labels: { "kubernetes.io/metadata.name": "kube-system" } } });
  objects.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: "gateway", labels: { role: "gateway" } } });
  objects.push(pod("kube-system", "coredns", { "k8s-app": "kube-dns" }, "10.96.0.10", [
    { name: "dns", containerPort: 53, protocol: "UDP" }, { name: "dns-tcp", containerPort: 53, protocol: "TCP" },
  ]));
  objects.push(policy("kube-system", "allow-dns", {
    podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
    ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] }],
  }));
  let policyCount = 1;
  for (let i = 0; i < shape.namespaces; i++) {
    const ns = nsName(i);
    objects.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { team: `t${i % 10}`, env: i % 3 === 0 ? "prod" : "dev" } } });
    for (let j = 0; j < shape.podsPerNamespace; j++) {
      const tier = TIERS[j % TIERS.length] as string;
      const name = `${tier}-${j}`;
      const ports: K8sObject[] = tier === "frontend"
        ? [{ name: "http", containerPort: 80 }, { name: "metrics", containerPort: 9090 }]
        : tier === "backend" ? [{ name: "api", containerPort: 8080 }, { name: "metrics", containerPort: 9090 }] : [{ name: "pg", containerPort: 5432 }];
      objects.push(pod(ns, name, { app: `app-${j % 5}`, tier }, `10.${128 + Math.floor(i / 250)}.${i % 250}.${j + 1}`, ports));
      pods.push(`${ns}/${name}`);
    }
    const count = total === undefined ? perNs : Math.floor(total / shape.namespaces) + (i < total % shape.namespaces ? 1 : 0);
    const ps = namespacePolicies(ns, i, count);
    objects.push(...ps);
    policyCount += ps.length;
  }
  return { objects, pods, dns: "kube-system/coredns", policyCount };
}

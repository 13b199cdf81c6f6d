/**
 * Scenarios of the upstream e2e network policy tests (kubernetes/test/e2e/network/netpol and the
 * cyclonus-derived cases), on the same model: namespaces x, y, z labelled ns=<name>; pods a, b, c
 * labelled pod=<name>, serving 80 and 81 on TCP, UDP and SCTP (named ports serve-80-tcp, ...).
 * Unlike upstream (which ignores loopback), pod-to-self flows are asserted too: policy applies to them.
 */
import type { Protocol } from "../../engine";
import { expectReachability, ipv4, ipv6, modelCluster, Truth } from "./helpers";

interface Check {
  readonly port: number;
  readonly protocol: Protocol;
  readonly truth: Truth;
}

interface Scenario {
  readonly name: string;
  readonly policies: string;
  readonly checks: readonly Check[];
}

const policy = (name: string, namespace: string, spec: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n${spec.replace(/^/gm, "  ")}\n---\n`;

const tcp = (port: number, truth: Truth): Check => ({ port, protocol: "TCP", truth });

const scenarios: Scenario[] = [
  {
    name: "no policy: everything is allowed",
    policies: "",
    checks: [tcp(80, new Truth(true)), { port: 81, protocol: "SCTP", truth: new Truth(true) }],
  },
  {
    name: "should support a 'default-deny-ingress' policy",
    policies: policy("deny-ingress", "x", "podSelector: {}\ningress: []"),
    checks: [tcp(80, new Truth(true).expect({}, { ns: "x" }, false))],
  },
  {
    name: "should support a 'default-deny-all' policy",
    policies: policy("deny-all", "x", "podSelector: {}\npolicyTypes: [Ingress, Egress]"),
    checks: [tcp(80, new Truth(true).expect({}, { ns: "x" }, false).expect({ ns: "x" }, {}, false))],
  },
  {
    name: "should support a 'default-deny-egress' policy (policyTypes Egress only)",
    policies: policy("deny-egress", "x", "podSelector: {}\npolicyTypes: [Egress]"),
    checks: [tcp(80, new Truth(true).expect({ ns: "x" }, {}, false))],
  },
  {
    name: "should enforce policy to allow traffic from pods within server namespace based on PodSelector",
    policies: policy("allow-b", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - podSelector:\n      matchLabels:\n        pod: b"),
    checks: [tcp(80, new Truth(true).expect({}, { ns: "x", pod: "a" }, false).expect({ ns: "x", pod: "b" }, { ns: "x", pod: "a" }, true))],
  },
  {
    name: "should enforce policy to allow ingress traffic for a target (empty from on all pods)",
    policies: policy("deny", "x", "podSelector: {}\ningress: []") + policy("allow-a", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- ports:\n  - port: 80"),
    checks: [
      tcp(80, new Truth(true).expect({}, { ns: "x" }, false).expect({}, { ns: "x", pod: "a" }, true)),
      tcp(81, new Truth(true).expect({}, { ns: "x" }, false)),
    ],
  },
  {
    name: "should enforce policy to allow ingress traffic from pods in all namespaces (namespaceSelector {})",
    policies: policy("allow-all-ns", "x", "podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}"),
    checks: [tcp(80, new Truth(true))],
  },
  {
    name: "should deny ingress from pods on other namespaces (podSelector {} = own namespace only)",
    policies: policy("same-ns", "x", "podSelector: {}\ningress:\n- from:\n  - podSelector: {}"),
    checks: [tcp(80, new Truth(true).expect({}, { ns: "x" }, false).expect({ ns: "x" }, { ns: "x" }, true))],
  },
  {
    name: "should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector",
    policies: policy("from-y", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels:\n        ns: y"),
    checks: [tcp(80, new Truth(true).expect({}, { ns: "x", pod: "a" }, false).expect({ ns: "y" }, { ns: "x", pod: "a" }, true))],
  },
  {
    name: "should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label",
    policies: policy("from-y", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels:\n        kubernetes.io/metadata.name: y"),
    checks: [tcp(80, new Truth(true).expect({}, { ns: "x", pod: "a" }, false).expect({ ns: "y" }, { ns: "x", pod: "a" }, true))],
  },
  {
    name: "should enforce policy based on NamespaceSelector with MatchExpressions (In)",
    policies: policy("from-y", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - namespaceSelector:\n      matchExpressions:\n      - key: ns\n        operator: In\n        values: [y]"),
    checks: [tcp(80, new Truth(true).expect({}, { ns: "x", pod: "a" }, false).expect({ ns: "y" }, { ns: "x", pod: "a" }, true))],
  },
  {
    name: "should enforce policy based on PodSelector with MatchExpressions (In)",
    policies: policy("from-b", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - podSelector:\n      matchExpressions:\n      - key: pod\n        operator: In\n        values: [b]"),
    checks: [tcp(80, new Truth(true).expect({}, { ns: "x", pod: "a" }, false).expect({ ns: "x", pod: "b" }, { ns: "x", pod: "a" }, true))],
  },
  {
    name: "matchExpressions NotIn on the policy's podSelector",
    policies: policy("not-a", "x", "podSelector:\n  matchExpressions:\n  - key: pod\n    operator: NotIn\n    values: [a]\ningress: []"),
    checks: [tcp(80, new Truth(true).expect({}, { ns: "x", pod: "b" }, false).expect({}, { ns: "x", pod: "c" }, false))],
  },
  {
    name: "matchExpressions NotIn and DoesNotExist match pods without the key; Exists does not",
    policies:
      policy("deny", "x", "podSelector: {}\ningress: []") +
      policy("notin-missing", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - podSelector:\n      matchExpressions:\n      - key: role\n        operator: NotIn\n        values: [db]") +
      policy("doesnotexist", "x", "podSelector:\n  matchLabels:\n    pod: b\ningress:\n- from:\n  - namespaceSelector:\n      matchExpressions:\n      - key: team\n        operator: DoesNotExist") +
      policy("exists-missing", "x", "podSelector:\n  matchLabels:\n    pod: c\ningress:\n- from:\n  - namespaceSelector:\n      matchExpressions:\n      - key: team\n        operator: Exists"),
    checks: [
      tcp(
        80,
        new Truth(true)
          .expect({}, { ns: "x" }, false)
          .expect({ ns: "x" }, { ns: "x", pod: "a" }, true)
          .expect({}, { ns: "x", pod: "b" }, true),
      ),
    ],
  },
  {
    name: "should enforce policy based on PodSelector and NamespaceSelector (one peer: AND)",
    policies: policy(
      "and",
      "x",
      "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - namespaceSelector:\n      matchExpressions:\n      - key: ns\n        operator: NotIn\n        values: [x]\n    podSelector:\n      matchLabels:\n        pod: b",
    ),
    checks: [
      tcp(80, new Truth(true).expect({}, { ns: "x", pod: "a" }, false).expect({ ns: "y", pod: "b" }, { ns: "x", pod: "a" }, true).expect({ ns: "z", pod: "b" }, { ns: "x", pod: "a" }, true)),
    ],
  },
  {
    name: "should enforce policy based on PodSelector or NamespaceSelector (two peers: OR)",
    policies: policy(
      "or",
      "x",
      "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - namespaceSelector:\n      matchExpressions:\n      - key: ns\n        operator: NotIn\n        values: [x]\n  - podSelector:\n      matchLabels:\n        pod: b",
    ),
    checks: [tcp(80, new Truth(true).expect({ ns: "x", pod: "a" }, { ns: "x", pod: "a" }, false).expect({ ns: "x", pod: "c" }, { ns: "x", pod: "a" }, false))],
  },
  {
    name: "should enforce policy based on any PodSelectors",
    policies: policy("any", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - podSelector:\n      matchLabels:\n        pod: b\n  - podSelector:\n      matchLabels:\n        pod: c"),
    checks: [tcp(80, new Truth(true).expect({}, { ns: "x", pod: "a" }, false).expect({ ns: "x", pod: "b" }, { ns: "x", pod: "a" }, true).expect({ ns: "x", pod: "c" }, { ns: "x", pod: "a" }, true))],
  },
  {
    name: "should enforce policy based on Multiple PodSelectors and NamespaceSelectors",
    policies: policy(
      "multi",
      "x",
      "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - namespaceSelector:\n      matchExpressions:\n      - key: ns\n        operator: NotIn\n        values: [x]\n    podSelector:\n      matchExpressions:\n      - key: pod\n        operator: In\n        values: [b, c]",
    ),
    checks: [
      tcp(80, new Truth(true).expect({}, { ns: "x", pod: "a" }, false).expect({ ns: "y", pod: "b" }, { ns: "x", pod: "a" }, true).expect({ ns: "y", pod: "c" }, { ns: "x", pod: "a" }, true).expect({ ns: "z", pod: "b" }, { ns: "x", pod: "a" }, true).expect({ ns: "z", pod: "c" }, { ns: "x", pod: "a" }, true)),
    ],
  },
  {
    name: "should enforce policy based on Ports (numeric port)",
    policies: policy("port-81", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels:\n        ns: y\n  ports:\n  - port: 81"),
    checks: [
      tcp(80, new Truth(true).expect({}, { ns: "x", pod: "a" }, false)),
      tcp(81, new Truth(true).expect({}, { ns: "x", pod: "a" }, false).expect({ ns: "y" }, { ns: "x", pod: "a" }, true)),
    ],
  },
  {
    name: "should allow ingress access on one named port",
    policies: policy("named", "x", "podSelector: {}\ningress:\n- ports:\n  - port: serve-81-tcp"),
    checks: [
      tcp(81, new Truth(true)),
      tcp(80, new Truth(true).expect({}, { ns: "x" }, false)),
      { port: 81, protocol: "UDP", truth: new Truth(true).expect({}, { ns: "x" }, false) },
    ],
  },
  {
    name: "should allow ingress access from namespace on one named port",
    policies: policy("named-ns", "x", "podSelector: {}\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels:\n        ns: y\n  ports:\n  - port: serve-80-tcp"),
    checks: [
      tcp(80, new Truth(true).expect({}, { ns: "x" }, false).expect({ ns: "y" }, { ns: "x" }, true)),
      tcp(81, new Truth(true).expect({}, { ns: "x" }, false)),
    ],
  },
  {
    name: "named port with the wrong protocol does not match (serve-80-udp named with protocol TCP)",
    policies: policy("named-mismatch", "x", "podSelector: {}\ningress:\n- ports:\n  - port: serve-80-udp\n    protocol: TCP"),
    checks: [
      tcp(80, new Truth(true).expect({}, { ns: "x" }, false)),
      { port: 80, protocol: "UDP", truth: new Truth(true).expect({}, { ns: "x" }, false) },
    ],
  },
  {
    name: "should allow egress access on one named port (resolved against the destination)",
    policies: policy("egress-named", "x", "podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]\negress:\n- ports:\n  - port: serve-80-tcp"),
    checks: [tcp(80, new Truth(true)), tcp(81, new Truth(true).expect({ ns: "x", pod: "a" }, {}, false))],
  },
  {
    name: "should support egress port range with endPort",
    policies: policy("range", "x", "podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]\negress:\n- ports:\n  - port: 80\n    endPort: 81\n    protocol: TCP"),
    checks: [tcp(80, new Truth(true)), tcp(81, new Truth(true)), tcp(82, new Truth(true).expect({ ns: "x", pod: "a" }, {}, false)), tcp(79, new Truth(true).expect({ ns: "x", pod: "a" }, {}, false))],
  },
  {
    name: "should support ingress port range with endPort, per protocol",
    policies: policy("range", "x", "podSelector: {}\ningress:\n- ports:\n  - port: 81\n    endPort: 9000\n    protocol: UDP"),
    checks: [
      { port: 81, protocol: "UDP", truth: new Truth(true) },
      { port: 9000, protocol: "UDP", truth: new Truth(true) },
      { port: 80, protocol: "UDP", truth: new Truth(true).expect({}, { ns: "x" }, false) },
      tcp(81, new Truth(true).expect({}, { ns: "x" }, false)),
    ],
  },
  {
    name: "should enforce ingress policy allowing any port traffic to a server on a specific protocol",
    policies: policy("any-tcp", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- ports:\n  - protocol: TCP"),
    checks: [
      tcp(80, new Truth(true)),
      tcp(81, new Truth(true)),
      { port: 80, protocol: "UDP", truth: new Truth(true).expect({}, { ns: "x", pod: "a" }, false) },
    ],
  },
  {
    name: "should not allow access by TCP when a policy specifies only UDP",
    policies: policy("udp-only", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- ports:\n  - port: 81\n    protocol: UDP"),
    checks: [tcp(81, new Truth(true).expect({}, { ns: "x", pod: "a" }, false)), { port: 81, protocol: "UDP", truth: new Truth(true) }],
  },
  {
    name: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP'",
    policies: policy("sctp-only", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- ports:\n  - port: 80\n    protocol: SCTP"),
    checks: [tcp(80, new Truth(true).expect({}, { ns: "x", pod: "a" }, false)), { port: 80, protocol: "SCTP", truth: new Truth(true) }],
  },
  {
    name: "should properly isolate pods that are selected by a policy allowing SCTP",
    policies: policy("sctp", "x", "podSelector: {}\ningress:\n- ports:\n  - protocol: SCTP"),
    checks: [tcp(81, new Truth(true).expect({}, { ns: "x" }, false)), { port: 81, protocol: "SCTP", truth: new Truth(true) }],
  },
  {
    name: "should enforce multiple ingress policies with ingress allow-all policy taking precedence",
    policies: policy("only-80", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- ports:\n  - port: 80") + policy("allow-all", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- {}"),
    checks: [tcp(80, new Truth(true)), tcp(81, new Truth(true))],
  },
  {
    name: "should enforce multiple, stacked policies with overlapping podSelectors (additive)",
    policies:
      policy("to-80", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels:\n        ns: y\n  ports:\n  - port: 80") +
      policy("to-81", "x", "podSelector: {}\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels:\n        ns: z\n  ports:\n  - port: 81"),
    checks: [
      tcp(80, new Truth(true).expect({}, { ns: "x" }, false).expect({ ns: "y" }, { ns: "x", pod: "a" }, true)),
      tcp(81, new Truth(true).expect({}, { ns: "x" }, false).expect({ ns: "z" }, { ns: "x" }, true)),
    ],
  },
  {
    name: "should enforce multiple egress policies with egress allow-all policy taking precedence",
    policies: policy("egress-80", "x", "podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]\negress:\n- ports:\n  - port: 80") + policy("egress-all", "x", "podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]\negress:\n- {}"),
    checks: [tcp(80, new Truth(true)), tcp(81, new Truth(true))],
  },
  {
    name: "an egress policy alone isolates egress only; the allow-all egress policy is what opens port 81",
    policies: policy("egress-80", "x", "podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]\negress:\n- ports:\n  - port: 80"),
    checks: [tcp(80, new Truth(true)), tcp(81, new Truth(true).expect({ ns: "x", pod: "a" }, {}, false))],
  },
  {
    name: "should work with Ingress, Egress specified together",
    policies: policy(
      "both",
      "x",
      "podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Ingress, Egress]\ningress:\n- from:\n  - podSelector:\n      matchLabels:\n        pod: b\negress:\n- to:\n  - namespaceSelector:\n      matchLabels:\n        ns: y",
    ),
    checks: [
      tcp(
        80,
        new Truth(true)
          .expect({}, { ns: "x", pod: "a" }, false)
          .expect({ ns: "x", pod: "b" }, { ns: "x", pod: "a" }, true)
          .expect({ ns: "x", pod: "a" }, {}, false)
          .expect({ ns: "x", pod: "a" }, { ns: "y" }, true),
      ),
    ],
  },
  {
    name: "policyTypes defaults to Ingress and Egress when egress rules are present",
    policies: policy("implicit-both", "x", "podSelector:\n  matchLabels:\n    pod: a\negress:\n- to:\n  - podSelector: {}"),
    checks: [
      tcp(
        80,
        new Truth(true)
          .expect({ ns: "x", pod: "a" }, {}, false)
          .expect({ ns: "x", pod: "a" }, { ns: "x" }, true)
          // Ingress is in the defaulted policyTypes and the policy has no ingress rule: x/a is ingress-isolated.
          .expect({}, { ns: "x", pod: "a" }, false),
      ),
    ],
  },
  {
    name: "an empty egress list without policyTypes does not isolate egress",
    policies: policy("empty-egress", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- {}\negress: []"),
    checks: [tcp(80, new Truth(true))],
  },
  {
    name: "ingress rules of a policy whose policyTypes is [Egress] have no effect",
    policies: policy("egress-only", "x", "podSelector: {}\npolicyTypes: [Egress]\ningress:\n- from:\n  - podSelector:\n      matchLabels:\n        pod: nobody\negress:\n- {}"),
    checks: [tcp(80, new Truth(true))],
  },
  {
    name: "from: [] and absent ports mean every source and port",
    policies: policy("empty-from", "x", "podSelector: {}\ningress:\n- from: []\n  ports: []"),
    checks: [tcp(80, new Truth(true)), { port: 81, protocol: "SCTP", truth: new Truth(true) }],
  },
  {
    name: "should deny egress from pods based on PodSelector",
    policies: policy("deny-a", "x", "podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]"),
    checks: [tcp(80, new Truth(true).expect({ ns: "x", pod: "a" }, {}, false))],
  },
  {
    name: "should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector",
    policies: policy(
      "to-y-a",
      "x",
      "podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]\negress:\n- to:\n  - podSelector:\n      matchLabels:\n        pod: a\n    namespaceSelector:\n      matchLabels:\n        ns: y\n  ports:\n  - port: 80",
    ),
    checks: [
      tcp(80, new Truth(true).expect({ ns: "x", pod: "a" }, {}, false).expect({ ns: "x", pod: "a" }, { ns: "y", pod: "a" }, true)),
      tcp(81, new Truth(true).expect({ ns: "x", pod: "a" }, {}, false)),
    ],
  },
  {
    name: "should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)",
    policies:
      policy("client", "x", "podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]\negress:\n- to:\n  - namespaceSelector:\n      matchLabels:\n        ns: y") +
      policy("server", "z", "podSelector: {}\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels:\n        ns: x\n    podSelector:\n      matchLabels:\n        pod: a"),
    checks: [
      tcp(80, new Truth(true).expect({ ns: "x", pod: "a" }, {}, false).expect({ ns: "x", pod: "a" }, { ns: "y" }, true).expect({}, { ns: "z" }, false)),
    ],
  },
  {
    name: "should allow egress access to server in CIDR block (ipBlock matches pod IPs)",
    policies: policy("cidr", "x", `podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock:\n      cidr: ${ipv4("y/b")}/32`),
    checks: [tcp(80, new Truth(true).expect({ ns: "x", pod: "a" }, {}, false).expect({ ns: "x", pod: "a" }, { ns: "y", pod: "b" }, true))],
  },
  {
    name: "should enforce except clause while egress access to server in CIDR block",
    policies: policy("except", "x", `podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock:\n      cidr: 10.0.0.0/16\n      except:\n      - ${ipv4("y/b")}/32`),
    checks: [tcp(80, new Truth(true).expect({ ns: "x", pod: "a" }, { ns: "y", pod: "b" }, false))],
  },
  {
    name: "should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed",
    policies:
      policy("except", "x", `podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock:\n      cidr: 10.0.0.0/16\n      except:\n      - ${ipv4("y/b")}/32`) +
      policy("allow-ip", "x", `podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock:\n      cidr: ${ipv4("y/b")}/32`),
    checks: [tcp(80, new Truth(true))],
  },
  {
    name: "IPv6 ipBlock with except (dual-stack pods match by either address)",
    policies: policy("v6", "x", `podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock:\n      cidr: fd00::/64\n      except:\n      - ${ipv6("z/c")}/128`),
    checks: [tcp(80, new Truth(true).expect({ ns: "x", pod: "a" }, { ns: "z", pod: "c" }, false))],
  },
  {
    name: "ingress ipBlock matches source pods by IP",
    policies: policy("v4-in", "x", `podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - ipBlock:\n      cidr: 10.0.2.0/24`),
    checks: [tcp(80, new Truth(true).expect({}, { ns: "x", pod: "a" }, false).expect({ ns: "y" }, { ns: "x", pod: "a" }, true))],
  },
  {
    name: "pod to itself is subject to both its egress and its ingress policies",
    policies: policy("self-ingress", "x", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - podSelector:\n      matchLabels:\n        pod: b") + policy("self-egress", "y", "podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]\negress:\n- to:\n  - podSelector:\n      matchLabels:\n        pod: b"),
    checks: [
      tcp(
        80,
        new Truth(true)
          .expect({}, { ns: "x", pod: "a" }, false)
          .expect({ ns: "x", pod: "b" }, { ns: "x", pod: "a" }, true)
          .expect({ ns: "y", pod: "a" }, {}, false)
          .expect({ ns: "y", pod: "a" }, { ns: "y", pod: "b" }, true),
      ),
    ],
  },
  {
    name: "policies only select pods of their own namespace",
    policies: policy("deny-in-y", "y", "podSelector:\n  matchLabels:\n    pod: a\ningress: []"),
    checks: [tcp(80, new Truth(true).expect({}, { ns: "y", pod: "a" }, false))],
  },
];

describe("upstream e2e network policy scenarios", () => {
  for (const scenario of scenarios) {
    it(scenario.name, () => {
      const cluster = modelCluster(scenario.policies);
      for (const check of scenario.checks) expectReachability(cluster, check.port, check.protocol, check.truth);
    });
  }
});

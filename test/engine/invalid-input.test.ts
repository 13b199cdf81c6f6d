/** Invalid manifests: one InvalidInputError naming the document and the field, with an exact message. */
import { expect } from "chai";
import { InvalidInputError, loadCluster, parseManifestText } from "../../engine";

const SOURCE = "case.yaml#1 (NetworkPolicy demo/p)";

const policy = (spec: string): string => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: demo\nspec:\n${spec.replace(/^/gm, "  ")}\n`;

interface Case {
  readonly name: string;
  readonly yaml: string;
  readonly field?: string;
  readonly message: string;
}

const cases: Case[] = [
  {
    name: "unknown selector operator",
    yaml: policy("podSelector:\n  matchExpressions:\n  - key: app\n    operator: Equals\n    values: [a]"),
    field: "spec.podSelector.matchExpressions[0].operator",
    message: `${SOURCE}: spec.podSelector.matchExpressions[0].operator: unsupported value "Equals": must be one of In, NotIn, Exists, DoesNotExist`,
  },
  {
    name: "In without values",
    yaml: policy("podSelector:\n  matchExpressions:\n  - key: app\n    operator: In"),
    field: "spec.podSelector.matchExpressions[0].values",
    message: `${SOURCE}: spec.podSelector.matchExpressions[0].values: must be non-empty when operator is In`,
  },
  {
    name: "NotIn with an empty list",
    yaml: policy("ingress:\n- from:\n  - podSelector:\n      matchExpressions:\n      - key: app\n        operator: NotIn\n        values: []"),
    message: `${SOURCE}: spec.ingress[0].from[0].podSelector.matchExpressions[0].values: must be non-empty when operator is NotIn`,
  },
  {
    name: "Exists with values",
    yaml: policy("podSelector:\n  matchExpressions:\n  - key: app\n    operator: Exists\n    values: [a]"),
    message: `${SOURCE}: spec.podSelector.matchExpressions[0].values: must be empty when operator is Exists`,
  },
  {
    name: "selector value that is not a string",
    yaml: policy("podSelector:\n  matchLabels:\n    tier: 1"),
    field: "spec.podSelector.matchLabels.tier",
    message: `${SOURCE}: spec.podSelector.matchLabels.tier: must be a string, got number 1`,
  },
  {
    name: "expression value that is not a string",
    yaml: policy("podSelector:\n  matchExpressions:\n  - key: on\n    operator: In\n    values: [true]"),
    message: `${SOURCE}: spec.podSelector.matchExpressions[0].values[0]: must be a string, got boolean true`,
  },
  {
    name: "invalid label key",
    yaml: policy("podSelector:\n  matchLabels:\n    -bad: x"),
    message: `${SOURCE}: spec.podSelector.matchLabels["-bad"]: invalid label key "-bad": the name part must consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric (e.g. 'MyName', 'my.name', '123-abc')`,
  },
  {
    name: "invalid label key prefix",
    yaml: policy("podSelector:\n  matchLabels:\n    Example.com/app: x"),
    message: `${SOURCE}: spec.podSelector.matchLabels["Example.com/app"]: invalid label key "Example.com/app": the prefix before '/' must be a lowercase RFC 1123 subdomain (e.g. 'example.com')`,
  },
  {
    name: "invalid label value",
    yaml: policy("podSelector:\n  matchLabels:\n    app: bad value"),
    message: `${SOURCE}: spec.podSelector.matchLabels.app: invalid label value "bad value": must be at most 63 characters of A-Z, a-z, 0-9, '-', '_' and '.', starting and ending with a letter or digit (or empty)`,
  },
  {
    name: "bad CIDR",
    yaml: policy("egress:\n- to:\n  - ipBlock:\n      cidr: 10.0.0.0/33"),
    field: "spec.egress[0].to[0].ipBlock.cidr",
    message: `${SOURCE}: spec.egress[0].to[0].ipBlock.cidr: invalid CIDR "10.0.0.0/33": must be an IPv4 or IPv6 network such as 10.0.0.0/24 or fd00::/64`,
  },
  {
    name: "CIDR without prefix length suggests one",
    yaml: policy("egress:\n- to:\n  - ipBlock:\n      cidr: 10.0.0.1"),
    message: `${SOURCE}: spec.egress[0].to[0].ipBlock.cidr: invalid CIDR "10.0.0.1": the prefix length is missing (did you mean 10.0.0.1/32?)`,
  },
  {
    name: "except not inside cidr",
    yaml: policy("egress:\n- to:\n  - ipBlock:\n      cidr: 10.0.0.0/16\n      except:\n      - 10.1.0.0/24"),
    field: "spec.egress[0].to[0].ipBlock.except[0]",
    message: `${SOURCE}: spec.egress[0].to[0].ipBlock.except[0]: "10.1.0.0/24" must be a strict subset of cidr "10.0.0.0/16"`,
  },
  {
    name: "except equal to cidr (not a strict subset)",
    yaml: policy("ingress:\n- from:\n  - ipBlock:\n      cidr: fd00::/64\n      except: [fd00::/64]"),
    message: `${SOURCE}: spec.ingress[0].from[0].ipBlock.except[0]: "fd00::/64" must be a strict subset of cidr "fd00::/64"`,
  },
  {
    name: "except of the other family",
    yaml: policy("ingress:\n- from:\n  - ipBlock:\n      cidr: 0.0.0.0/0\n      except: [fd00::/64]"),
    message: `${SOURCE}: spec.ingress[0].from[0].ipBlock.except[0]: "fd00::/64" must be a strict subset of cidr "0.0.0.0/0"`,
  },
  {
    name: "ipBlock together with a selector",
    yaml: policy("ingress:\n- from:\n  - ipBlock:\n      cidr: 10.0.0.0/8\n    namespaceSelector: {}"),
    field: "spec.ingress[0].from[0]",
    message: `${SOURCE}: spec.ingress[0].from[0]: may not specify both ipBlock and another peer (podSelector or namespaceSelector)`,
  },
  {
    name: "empty peer",
    yaml: policy("ingress:\n- from:\n  - {}"),
    message: `${SOURCE}: spec.ingress[0].from[0]: must specify a peer: podSelector, namespaceSelector or ipBlock`,
  },
  {
    name: "port 0",
    yaml: policy("ingress:\n- ports:\n  - port: 0"),
    message: `${SOURCE}: spec.ingress[0].ports[0].port: must be between 1 and 65535, inclusive, got 0`,
  },
  {
    name: "port 65536",
    yaml: policy("egress:\n- ports:\n  - protocol: UDP\n  - port: 65536"),
    field: "spec.egress[0].ports[1].port",
    message: `${SOURCE}: spec.egress[0].ports[1].port: must be between 1 and 65535, inclusive, got 65536`,
  },
  {
    name: "numeric string port (it is a port name, and names need a letter)",
    yaml: policy('ingress:\n- ports:\n  - port: "80"'),
    message: `${SOURCE}: spec.ingress[0].ports[0].port: invalid port name "80": must contain at least one letter (a-z)`,
  },
  {
    name: "port name too long",
    yaml: policy("ingress:\n- ports:\n  - port: a-very-long-port-name"),
    message: `${SOURCE}: spec.ingress[0].ports[0].port: invalid port name "a-very-long-port-name": must be 1 to 15 characters`,
  },
  {
    name: "endPort without port",
    yaml: policy("ingress:\n- ports:\n  - protocol: TCP\n    endPort: 90"),
    field: "spec.ingress[0].ports[0].endPort",
    message: `${SOURCE}: spec.ingress[0].ports[0].endPort: must not be set when port is absent (endPort needs a numeric port)`,
  },
  {
    name: "endPort below port",
    yaml: policy("ingress:\n- ports:\n  - port: 80\n  - port: 80\n    endPort: 79"),
    field: "spec.ingress[0].ports[1].endPort",
    message: `${SOURCE}: spec.ingress[0].ports[1].endPort: must be greater than or equal to port (80), got 79`,
  },
  {
    name: "endPort with a named port",
    yaml: policy("egress:\n- ports:\n  - port: http\n    endPort: 90"),
    message: `${SOURCE}: spec.egress[0].ports[0].endPort: must not be set when port is a named port ("http")`,
  },
  {
    name: "endPort out of range",
    yaml: policy("egress:\n- ports:\n  - port: 80\n    endPort: 70000"),
    message: `${SOURCE}: spec.egress[0].ports[0].endPort: must be between 1 and 65535, inclusive, got 70000`,
  },
  {
    name: "lower-case protocol",
    yaml: policy("ingress:\n- ports:\n  - protocol: tcp\n    port: 80"),
    field: "spec.ingress[0].ports[0].protocol",
    message: `${SOURCE}: spec.ingress[0].ports[0].protocol: unsupported value "tcp": must be one of TCP, UDP, SCTP`,
  },
  {
    name: "unknown policyTypes value",
    yaml: policy("policyTypes: [Ingress, Both]"),
    field: "spec.policyTypes[1]",
    message: `${SOURCE}: spec.policyTypes[1]: unsupported value "Both": must be one of Ingress, Egress`,
  },
  {
    name: "three policyTypes",
    yaml: policy("policyTypes: [Ingress, Egress, Ingress]"),
    message: `${SOURCE}: spec.policyTypes: must not have more than 2 elements`,
  },
  {
    name: "ingress not a list",
    yaml: policy("ingress:\n  from: []"),
    message: `${SOURCE}: spec.ingress: must be a list, got a mapping`,
  },
  {
    name: "missing metadata.name",
    yaml: "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  namespace: demo\n",
    field: "metadata.name",
    message: "case.yaml#1 (NetworkPolicy): metadata.name: required field is missing",
  },
  {
    name: "missing metadata.namespace on a Pod",
    yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n",
    field: "metadata.namespace",
    message: "case.yaml#1 (Pod a): metadata.namespace: required field is missing",
  },
  {
    name: "invalid object name",
    yaml: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Web_1\n  namespace: demo\n",
    message: `case.yaml#1 (Deployment): metadata.name: invalid name "Web_1": must be a lowercase RFC 1123 subdomain (at most 253 characters of a-z, 0-9, '-' and '.', each dot-separated part starting and ending with a letter or digit, e.g. "example.com")`,
  },
  {
    name: "invalid namespace name",
    yaml: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: my.ns\n",
    message: `case.yaml#1 (Namespace): metadata.name: invalid name "my.ns": must be a lowercase RFC 1123 label (at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit, e.g. "my-name")`,
  },
  {
    name: "workload without a pod template",
    yaml: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: demo\nspec:\n  replicas: 1\n",
    message: "case.yaml#1 (Deployment demo/web): spec.template: required field is missing",
  },
  {
    name: "container port out of range",
    yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: demo\nspec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 0\n",
    message: "case.yaml#1 (Pod demo/a): spec.containers[0].ports[0].containerPort: must be between 1 and 65535, inclusive, got 0",
  },
  {
    name: "duplicate container port name",
    yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: demo\nspec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 80\n      name: http\n  - name: d\n    ports:\n    - containerPort: 81\n      name: http\n",
    message: 'case.yaml#1 (Pod demo/a): spec.containers[1].ports[0].name: duplicate container port name "http"',
  },
  {
    name: "invalid pod IP",
    yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: demo\nstatus:\n  podIP: 10.0.0.256\n",
    message: 'case.yaml#1 (Pod demo/a): status.podIP: invalid IP address "10.0.0.256": must be an IPv4 (e.g. 10.0.0.1) or IPv6 (e.g. fd00::1) address',
  },
  {
    name: "a document that is not a mapping",
    yaml: "just a string\n",
    message: 'case.yaml#1: a document must be a Kubernetes object (a mapping), got string "just a string"',
  },
  {
    name: "a document without kind",
    yaml: "apiVersion: v1\nmetadata:\n  name: a\n",
    message: "case.yaml#1: kind: required field is missing",
  },
  {
    name: "an invalid item of a List names the item",
    yaml: "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n",
    message: "case.yaml#1 items[0] (Pod a): metadata.namespace: required field is missing",
  },
  {
    name: "duplicate policy",
    yaml: `${policy("podSelector: {}")}---\n${policy("podSelector: {}")}`,
    message: 'case.yaml#2 (NetworkPolicy demo/p): metadata.name: duplicate NetworkPolicy "demo/p" (first declared in case.yaml#1 (NetworkPolicy demo/p))',
  },
  {
    name: "a Pod and a Deployment with the same namespace/name",
    yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: demo\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: demo\nspec:\n  template: {}\n",
    message: 'case.yaml#2 (Deployment demo/web): metadata.name: duplicate endpoint "demo/web" (first declared in case.yaml#1 (Pod demo/web))',
  },
];

describe("invalid input", () => {
  for (const c of cases) {
    it(`rejects ${c.name}`, () => {
      let caught: unknown;
      try {
        loadCluster(parseManifestText(c.yaml, "case.yaml"));
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(InvalidInputError);
      if (!(caught instanceof InvalidInputError)) return;
      expect(caught.message).to.equal(c.message);
      if (c.field !== undefined) expect(caught.field).to.equal(c.field);
      expect(caught.name).to.equal("InvalidInputError");
    });
  }
});

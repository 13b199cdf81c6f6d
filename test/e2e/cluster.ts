/**
 * A throwaway control plane (etcd + kube-apiserver on loopback, built from the Go module proxy by
 * scripts/tools/build-tools.sh) for the end-to-end tests, and kubectl bound to it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const TOOLS = path.resolve(__dirname, "../../scripts/tools");

/** A running local cluster. */
export interface LocalCluster {
    /** Folder holding its kubeconfig, data and logs. */
    readonly dir: string;
    /** Path of its kubeconfig. */
    readonly kubeconfig: string;
}

/** Starts etcd and kube-apiserver (building them on first use) and waits until the API server is ready. */
export function startCluster(): LocalCluster {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-cluster-"));
    const result = spawnSync("bash", [path.join(TOOLS, "local-cluster.sh"), "start", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    if (result.status !== 0) {
        throw new Error(`local-cluster.sh start failed (exit ${result.status})`);
    }
    return { dir, kubeconfig: path.join(dir, "kubeconfig") };
}

/** Stops the cluster and removes its folder. */
export function stopCluster(cluster: LocalCluster): void {
    spawnSync("bash", [path.join(TOOLS, "local-cluster.sh"), "stop", cluster.dir], { stdio: "ignore" });
}

/** Runs kubectl against the cluster; throws with its stderr when it fails. */
export function kubectl(cluster: LocalCluster, args: readonly string[], input?: string): string {
    const result = spawnSync("kubectl", [...args], {
        encoding: "utf8",
        env: { ...process.env, KUBECONFIG: cluster.kubeconfig },
        ...(input !== undefined ? { input } : {}),
        maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) {
        throw new Error(`kubectl ${args.join(" ")} failed: ${result.stderr}`);
    }
    return result.stdout;
}

/** Runs kubectl and parses its JSON output. */
export function kubectlJson<T>(cluster: LocalCluster, args: readonly string[]): T {
    return JSON.parse(kubectl(cluster, [...args, "-o", "json"])) as T;
}

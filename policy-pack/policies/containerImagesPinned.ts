import * as k8s from "@pulumi/kubernetes";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { IMAGES_SCHEMA, ImagesConfig } from "../lib/config";
import { imagePinProblem } from "../lib/images";
import { imageMessage } from "../lib/messages";

type PodSpec = { containers?: { name?: string; image?: string }[]; initContainers?: { name?: string; image?: string }[] } | undefined;
type Report = (message: string) => void;

function checkPodSpec(workload: string, spec: PodSpec, config: ImagesConfig, report: Report): void {
    for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
        const problem = c.image === undefined ? "is missing" : imagePinProblem(c.image, config.requireDigest);
        if (problem !== undefined) {
            report(imageMessage(workload, c.name ?? "?", c.image ?? "(none)", problem));
        }
    }
}

function id(kind: string, metadata: { namespace?: string; name?: string } | undefined): string {
    return `${kind} ${metadata?.namespace ?? "default"}/${metadata?.name ?? "?"}`;
}

/** Checks whether every container image of every workload is pinned to a version or digest. */
export const containerImagesPinned: ResourceValidationPolicy = {
    name: "container-images-pinned",
    description: "Checks whether every container image is pinned to a tag other than 'latest', or to a digest.",
    enforcementLevel: "advisory",
    configSchema: IMAGES_SCHEMA,
    validateResource: [
        validateResourceOfType(k8s.apps.v1.Deployment, (d, args, report) => checkPodSpec(id("Deployment", d.metadata), d.spec?.template?.spec, args.getConfig<ImagesConfig>(), report)),
        validateResourceOfType(k8s.apps.v1.StatefulSet, (d, args, report) => checkPodSpec(id("StatefulSet", d.metadata), d.spec?.template?.spec, args.getConfig<ImagesConfig>(), report)),
        validateResourceOfType(k8s.apps.v1.DaemonSet, (d, args, report) => checkPodSpec(id("DaemonSet", d.metadata), d.spec?.template?.spec, args.getConfig<ImagesConfig>(), report)),
        validateResourceOfType(k8s.apps.v1.ReplicaSet, (d, args, report) => checkPodSpec(id("ReplicaSet", d.metadata), d.spec?.template?.spec, args.getConfig<ImagesConfig>(), report)),
        validateResourceOfType(k8s.batch.v1.Job, (d, args, report) => checkPodSpec(id("Job", d.metadata), d.spec?.template?.spec, args.getConfig<ImagesConfig>(), report)),
        validateResourceOfType(k8s.batch.v1.CronJob, (d, args, report) => checkPodSpec(id("CronJob", d.metadata), d.spec?.jobTemplate?.spec?.template?.spec, args.getConfig<ImagesConfig>(), report)),
        validateResourceOfType(k8s.core.v1.Pod, (p, args, report) => checkPodSpec(id("Pod", p.metadata), p.spec, args.getConfig<ImagesConfig>(), report)),
    ],
};

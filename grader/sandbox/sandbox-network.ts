// One bridge network per grading. Masquerading is off, so containers on it have no NAT route out of the machine,
// while ports published on 127.0.0.1 keep working (measured on engine 20.10; an --internal network would drop
// the published ports altogether).
import type { Docker } from "./docker-client";
import { labels } from "./labels";

export const noMasquerade = "com.docker.network.bridge.enable_ip_masquerade";

export interface SandboxNetwork {
  name: string;
  remove(): Promise<void>;
}

const networkName = (gradingId: string): string => `shipshape-${gradingId}`;

export async function createSandboxNetwork(docker: Docker, gradingId: string): Promise<SandboxNetwork> {
  const name = networkName(gradingId);
  await docker.createNetwork({
    Name: name,
    Driver: "bridge",
    CheckDuplicate: true,
    Options: { [noMasquerade]: "false" },
    Labels: { [labels.grading]: gradingId },
  });
  return { name, remove: () => removeSandboxNetwork(docker, gradingId) };
}

/**
 * By name, not by the handle a create returned: when the connection to the engine drops while the create is in
 * flight, the engine may have made the network although the grader never heard back.
 */
export async function removeSandboxNetwork(docker: Docker, gradingId: string): Promise<void> {
  await docker
    .getNetwork(networkName(gradingId))
    .remove()
    .catch((err: { statusCode?: number }) => {
      if (err.statusCode !== 404) throw err;
    });
}

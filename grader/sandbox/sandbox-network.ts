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

export async function createSandboxNetwork(docker: Docker, gradingId: string): Promise<SandboxNetwork> {
  const name = `shipshape-${gradingId}`;
  const network = await docker.createNetwork({
    Name: name,
    Driver: "bridge",
    CheckDuplicate: true,
    Options: { [noMasquerade]: "false" },
    Labels: { [labels.grading]: gradingId },
  });
  return {
    name,
    remove: async () => {
      await network.remove().catch((err: { statusCode?: number }) => {
        if (err.statusCode !== 404) throw err;
      });
    },
  };
}

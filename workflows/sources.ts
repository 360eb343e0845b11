/** The CloudEvents `source` of a process's events: `urn:greenlight:<kind>:<id>`. */
export function toCloudEventSource(processKind: string, processId: string): string {
  return `urn:greenlight:${processKind}:${encodeURIComponent(processId)}`;
}

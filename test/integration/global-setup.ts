// Replaced by the diagnosis issue: starts moto server on 127.0.0.1 for the integration project.
export default function globalSetup(): void {}

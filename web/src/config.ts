/** The deployment's settings the server writes into the page (functions/Web/WebPages.cs). */
export interface PageConfig {
  fragmentTokens: boolean;
  signIn?: { authority: string; clientId: string; scope: string };
  sandbox: boolean;
  stripePublishableKey?: string;
  payPal: boolean;
}

export function readConfig(): PageConfig {
  const element = document.getElementById("billing-config");
  const fallback: PageConfig = { fragmentTokens: false, sandbox: false, payPal: false };
  try { return element?.textContent ? { ...fallback, ...JSON.parse(element.textContent) } : fallback; } catch { return fallback; }
}

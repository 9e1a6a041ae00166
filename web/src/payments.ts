// Payment methods in the browser (P2: card numbers and PayPal credentials go to the provider, never
// to this backend). Card: Stripe.js Payment Element, mounted with the SetupIntent's client secret
// from POST .../payment-method/setup, loaded from js.stripe.com only when Stripe is configured.
// PayPal: the approval link; PayPal sends the payer back to PayPal__ReturnUrl, a billing page, which
// completes the switch (see completePendingPayPal). Sandbox (Payments__Sandbox=true): test tokens,
// and a PayPal stand-in that takes the same return path, so every flow runs offline.
import type { BillingApi, PaymentMethodChoice } from "./api.js";

const pendingKey = "billing.pending-paypal";

interface StripeLike {
  elements(options: { clientSecret: string; appearance?: unknown }): { create(kind: string): { mount(el: HTMLElement): void }; submit(): Promise<{ error?: { message?: string } }> };
  confirmCardPayment(clientSecret: string): Promise<{ error?: { message?: string } }>;
  confirmSetup(options: { elements: unknown; redirect: "if_required" }): Promise<{ setupIntent?: { payment_method?: string | { id: string } }; error?: { message?: string } }>;
}

let stripeScript: Promise<StripeLike> | undefined;

function loadStripe(publishableKey: string): Promise<StripeLike> {
  stripeScript ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "https://js.stripe.com/v3/";
    script.onload = () => resolve((window as unknown as { Stripe: (key: string) => StripeLike }).Stripe(publishableKey));
    script.onerror = () => reject(new Error("Stripe.js could not be loaded"));
    document.head.append(script);
  });
  return stripeScript;
}

/** A mounted Payment Element; `confirm` gives the saved card's token for the API. */
export interface CardForm { confirm(): Promise<PaymentMethodChoice> }

export async function mountCardForm(api: BillingApi, space: string, publishableKey: string, host: HTMLElement): Promise<CardForm> {
  const [stripe, setup] = await Promise.all([loadStripe(publishableKey), api.setupPaymentMethod(space, "stripe")]);
  const elements = stripe.elements({ clientSecret: setup.clientSecret!, appearance: { theme: "stripe" } });
  elements.create("payment").mount(host);
  return {
    async confirm() {
      const submitted = await elements.submit();
      if (submitted.error) throw new Error(submitted.error.message);
      const result = await stripe.confirmSetup({ elements, redirect: "if_required" });
      if (result.error || !result.setupIntent?.payment_method) throw new Error(result.error?.message ?? "card not saved");
      const method = result.setupIntent.payment_method;
      return { provider: "stripe", token: typeof method === "string" ? method : method.id };
    },
  };
}

/** Leaves for PayPal's approval page (or, in the sandbox, straight to the return path with the test account). */
export async function startPayPal(api: BillingApi, space: string, sandbox: boolean): Promise<void> {
  if (sandbox) {
    sessionStorage.setItem(pendingKey, JSON.stringify({ space, provider: "sandbox" }));
    location.assign(`${location.pathname}?approval_token_id=pm_sandbox_paypal`);
    return;
  }
  const setup = await api.setupPaymentMethod(space, "paypal");
  sessionStorage.setItem(pendingKey, JSON.stringify({ space, provider: "paypal" }));
  location.assign(setup.approvalUrl!);
}

/** Back from PayPal: the space the switch was for and the method to switch to, once; null otherwise. */
export function takePendingPayPal(): { space: string; method: PaymentMethodChoice } | null {
  const raw = sessionStorage.getItem(pendingKey);
  const query = new URLSearchParams(location.search);
  const token = query.get("approval_token_id") ?? query.get("token");
  if (!raw) return null;
  sessionStorage.removeItem(pendingKey);
  history.replaceState(history.state, "", location.pathname);
  if (!token) return null; // cancelled on PayPal's side
  const pending = JSON.parse(raw) as { space: string; provider: string };
  return { space: pending.space, method: { provider: pending.provider, token } };
}

/** A payment the bank holds for strong customer authentication: Stripe.js asks the person to confirm it. */
export async function confirmHeldPayment(publishableKey: string, clientSecret: string): Promise<void> {
  const stripe = await loadStripe(publishableKey);
  const result = await stripe.confirmCardPayment(clientSecret);
  if (result.error) throw new Error(result.error.message);
}

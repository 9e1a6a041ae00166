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

/** What brought the person to PayPal: a switch of the saved method, or an upgrade reviewed but not yet confirmed. */
export interface PayPalReturn<Upgrade = unknown> { space: string; method: PaymentMethodChoice; upgrade?: Upgrade }

interface Pending { space: string; provider: string; upgrade?: unknown; token?: string }

/**
 * Leaves for PayPal's approval page (or, in the sandbox, straight to the return path with the test
 * account). `upgrade` is kept in this tab's sessionStorage so the upgrade can be confirmed on return.
 */
export async function startPayPal(api: BillingApi, space: string, sandbox: boolean, upgrade?: unknown): Promise<void> {
  if (sandbox) {
    remember({ space, provider: "sandbox", upgrade });
    location.assign(`${location.pathname}?approval_token_id=pm_sandbox_paypal`);
    return;
  }
  const setup = await api.setupPaymentMethod(space, "paypal");
  remember({ space, provider: "paypal", upgrade });
  location.assign(setup.approvalUrl!);
}

/** Back from PayPal: the space it was for, the approved method and the upgrade waiting for it, once; null otherwise. */
export function takePendingPayPal<Upgrade>(): PayPalReturn<Upgrade> | null {
  const raw = sessionStorage.getItem(pendingKey);
  const query = new URLSearchParams(location.search);
  if (!raw) return null;
  sessionStorage.removeItem(pendingKey);
  history.replaceState(history.state, "", location.pathname);
  const pending = JSON.parse(raw) as Pending;
  const token = pending.token ?? query.get("approval_token_id") ?? query.get("token");
  if (!token) return null; // cancelled on PayPal's side
  return { space: pending.space, method: { provider: pending.provider, token }, upgrade: pending.upgrade as Upgrade | undefined };
}

/** Keeps an approved return for the page of its own space (PayPal__ReturnUrl may be another page). */
export function keepPayPalReturn(approved: PayPalReturn): void {
  remember({ space: approved.space, provider: approved.method.provider, upgrade: approved.upgrade, token: approved.method.token });
}

function remember(pending: Pending) { sessionStorage.setItem(pendingKey, JSON.stringify(pending)); }

/** A payment the bank holds for strong customer authentication: Stripe.js asks the person to confirm it. */
export async function confirmHeldPayment(publishableKey: string, clientSecret: string): Promise<void> {
  const stripe = await loadStripe(publishableKey);
  const result = await stripe.confirmCardPayment(clientSecret);
  if (result.error) throw new Error(result.error.message);
}

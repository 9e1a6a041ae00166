import { css } from "lit";

/** The look of Stripe's customer portal: quiet cards on a light page, one accent, clear focus. */
export const styles = css`
  :host { display: block; color: #1a1f36; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans TC", "PingFang TC", sans-serif; --accent: #4f46e5; --muted: #5c6478; --line: #e3e8ee; }
  * { box-sizing: border-box; }
  .layout { display: grid; grid-template-columns: 260px 1fr; gap: 40px; max-width: 1040px; margin: 0 auto; padding: 40px 24px; }
  aside h1 { font-size: 22px; margin: 0 0 4px; font-weight: 650; letter-spacing: -0.01em; }
  aside p { margin: 0 0 24px; color: var(--muted); }
  aside label { display: block; font-size: 13px; color: var(--muted); margin-bottom: 4px; }
  main { min-width: 0; display: grid; gap: 24px; align-content: start; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 24px; box-shadow: 0 1px 2px rgba(26, 31, 54, 0.04); }
  h2 { font-size: 13px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 0 0 16px; }
  h3 { font-size: 24px; margin: 0; font-weight: 650; letter-spacing: -0.01em; }
  .row { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; justify-content: space-between; }
  .row > * { min-width: 0; overflow-wrap: anywhere; }
  .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 20px; }
  .muted { color: var(--muted); }
  .plan-line { margin: 6px 0 0; color: var(--muted); }
  .badge { display: inline-block; border-radius: 999px; padding: 1px 10px; font-size: 13px; font-weight: 600; background: #eef0f4; color: #3c4257; }
  .badge.active, .badge.paid { background: #d7f7c2; color: #05690d; }
  .badge.trialing, .badge.open { background: #e0e7ff; color: #3730a3; }
  .badge.past_due, .badge.canceling { background: #fcedb9; color: #7a3a04; }
  .badge.void, .badge.refunded, .badge.partially_refunded { background: #eef0f4; color: #3c4257; }
  .meter { margin-top: 16px; }
  .meter-bar { height: 8px; border-radius: 4px; background: #eef0f4; overflow: hidden; margin-top: 6px; }
  .meter-bar span { display: block; height: 100%; background: var(--accent); }
  .callout { margin-top: 16px; border-radius: 8px; padding: 12px 14px; background: #f5f7ff; border: 1px solid #dfe3ff; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; justify-content: space-between; }
  .callout.warn { background: #fff8e6; border-color: #f5dd9b; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 24px; margin: 0; }
  dt { color: var(--muted); }
  dd { margin: 0; overflow-wrap: anywhere; }
  button, .button { font: inherit; font-weight: 600; border-radius: 8px; padding: 8px 14px; border: 1px solid var(--line); background: #fff; color: #1a1f36; cursor: pointer; text-decoration: none; display: inline-flex; align-items: center; gap: 6px; min-height: 40px; }
  button:hover, .button:hover { background: #f6f8fa; }
  button.primary, .button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
  button.primary:hover { background: #4338ca; }
  button.danger { color: #b4231b; }
  button.primary.danger-fill { background: #b4231b; border-color: #b4231b; }
  ul.plain { list-style: none; margin: 0; padding: 0; font-size: 13px; }
  button.link { border: none; background: none; color: var(--accent); padding: 4px 6px; min-height: 32px; }
  button[disabled] { opacity: 0.6; cursor: progress; }
  :focus-visible { outline: 3px solid #818cf8; outline-offset: 2px; border-radius: 6px; }
  select, input { font: inherit; width: 100%; padding: 8px 10px; border: 1px solid #cfd7df; border-radius: 8px; background: #fff; color: inherit; min-height: 40px; }
  .field { display: grid; gap: 4px; font-size: 14px; font-weight: 500; }
  fieldset { border: none; margin: 0; padding: 0; display: grid; gap: 8px; }
  legend { font-size: 14px; font-weight: 500; margin-bottom: 6px; padding: 0; }
  .choices { display: flex; flex-wrap: wrap; gap: 8px; }
  .choice { display: flex; gap: 8px; align-items: center; border: 1px solid #cfd7df; border-radius: 8px; padding: 8px 12px; font-weight: 500; cursor: pointer; }
  .choice input { width: auto; min-height: 0; margin: 0; }
  .choice:has(input:checked) { border-color: var(--accent); box-shadow: 0 0 0 1px var(--accent); }
  .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
  .form { display: grid; gap: 16px; }
  .help { font-size: 13px; color: var(--muted); }
  .field-error { font-size: 13px; color: #b4231b; }
  table { width: 100%; border-collapse: collapse; }
  th { text-align: left; font-size: 13px; font-weight: 600; color: var(--muted); padding: 8px 8px 8px 0; border-bottom: 1px solid var(--line); }
  td { padding: 12px 8px 12px 0; border-bottom: 1px solid var(--line); vertical-align: middle; }
  td.num, th.num { text-align: right; white-space: nowrap; }
  td.num + td, th.num + th { padding-left: 16px; }
  tr:last-child td { border-bottom: none; }
  a { color: var(--accent); }
  .alert { border-radius: 8px; padding: 12px 14px; background: #fdecea; color: #8a1f17; border: 1px solid #f6c9c4; }
  .toast { position: fixed; bottom: 24px; left: 50%; transform: translateX(-50%); background: #1a1f36; color: #fff; padding: 10px 16px; border-radius: 8px; }
  dialog { border: none; border-radius: 14px; padding: 0; width: min(560px, calc(100vw - 24px)); max-height: calc(100vh - 24px); box-shadow: 0 20px 60px rgba(26, 31, 54, 0.3); color: inherit; }
  dialog::backdrop { background: rgba(26, 31, 54, 0.45); }
  .dialog-body { padding: 24px; display: grid; gap: 16px; }
  .dialog-body h2 { font-size: 20px; text-transform: none; letter-spacing: -0.01em; color: #1a1f36; margin: 0; }
  .dialog-foot { display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap; position: sticky; bottom: -24px; margin: 0 -24px -24px; padding: 16px 24px; background: #fff; border-top: 1px solid var(--line); }
  .preview { border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; background: #fafbfc; display: grid; gap: 8px; }
  .preview .line { display: flex; justify-content: space-between; gap: 12px; font-size: 14px; }
  .preview .total { font-weight: 650; font-size: 16px; border-top: 1px solid var(--line); padding-top: 8px; }
  .card-host { min-height: 40px; }
  .skeleton { height: 120px; border-radius: 12px; background: linear-gradient(90deg, #eef0f4, #f6f8fa, #eef0f4); }
  @media (max-width: 760px) {
    .layout { grid-template-columns: 1fr; gap: 16px; padding: 16px 12px; }
    aside p { margin-bottom: 8px; }
    section { padding: 18px 16px; }
    .grid2 { grid-template-columns: 1fr; }
    .hide-narrow { display: none; }
    dl { grid-template-columns: 1fr; gap: 2px; }
    dd { margin-bottom: 8px; }
  }
`;

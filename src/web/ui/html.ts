/**
 * Text for places that take HTML (chart tooltips' formatters): data — names users typed or
 * imported — is shown as typed, never interpreted as markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

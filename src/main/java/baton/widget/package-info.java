/**
 * The customer side: the REST and WebSocket API the chat widget (and any scripted client) uses.
 * The widget's own files are static assets under {@code /web/widget}. Customers are authenticated by
 * the conversation token alone, never by cookies, so the widget works embedded on any site.
 */
package baton.widget;

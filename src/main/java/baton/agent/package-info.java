/**
 * The human side: agents and their teams, logins and sessions (bcrypt passwords, HTTP-only session
 * cookies, CSRF tokens), and the agent console's API and live socket. The console's page is a static
 * asset under {@code /web/console}.
 */
package baton.agent;

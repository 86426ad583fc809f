/** A till's access to a shop server, as `npm run shop-server -- init` writes it (no server runs). */
export const tillCredentials = (tillId: string, tillIndex: number) => ({
	server: 'ws://127.0.0.1:9222',
	tillId,
	tillIndex,
	user: tillId,
	password: 'secret'
});

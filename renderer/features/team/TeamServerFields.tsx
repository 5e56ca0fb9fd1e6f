// The server, catalog name and password fields both team dialogs ask for.
export interface TeamServerForm {
  server: string;
  name: string;
  password: string;
}

/** What both dialogs send: the server and name as typed, without stray spaces; no password is none. */
export function serverRequest(form: TeamServerForm): { server: string; name: string; password?: string } {
  return { server: form.server.trim(), name: form.name.trim(), password: form.password || undefined };
}

export function TeamServerFields({
  form,
  disabled,
  onChange,
}: {
  form: TeamServerForm;
  disabled: boolean;
  onChange(form: TeamServerForm): void;
}) {
  const field = (key: keyof TeamServerForm) => ({
    value: form[key],
    disabled,
    spellCheck: false,
    onChange: (event: { target: { value: string } }) => onChange({ ...form, [key]: event.target.value }),
  });
  return (
    <>
      <label className="settings-field">
        <span>PostgreSQL server</span>
        <input
          type="url"
          placeholder="postgres://user@db.example.com:5432/shelfscope?sslmode=require"
          maxLength={2000}
          autoFocus
          {...field('server')}
        />
      </label>
      <label className="settings-field">
        <span>Team catalog name</span>
        <input maxLength={200} {...field('name')} />
      </label>
      <label className="settings-field">
        <span>Password</span>
        <input
          type="password"
          autoComplete="off"
          placeholder="kept in this computer's keychain"
          maxLength={1000}
          {...field('password')}
        />
      </label>
    </>
  );
}

/** Why the dialog's call failed, as the engine said it ("Not published. password authentication failed…"). */
export function TeamFormError({ lead, error }: { lead: string; error: string | null }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      <strong>{lead}</strong> {error}
    </p>
  );
}

import { errorTitle } from '../api-error.ts';
import { useApp } from '../store/app-store.ts';

export function ErrorBanners() {
  const banners = useApp((s) => s.banners);
  const dismiss = useApp((s) => s.dismiss);
  if (banners.length === 0) return null;
  return (
    <div className="banners">
      {banners.map((banner) => (
        <div key={banner.id} className={`banner banner-${banner.code}`} role="alert">
          <div>
            <strong>{errorTitle(banner)}</strong>
            <span>{banner.message}</span>
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => dismiss(banner.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

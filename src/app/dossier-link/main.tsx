/** @jsxImportSource preact */
import { render } from 'preact';
import '../fonts.css';
import './dossier-link.css';
import { createLinkI18n } from './link-i18n.ts';
import { RatingPage } from './RatingPage.tsx';

// The token follows '#': it never travels in a request for this page (docs/dossier-links.md).
render(<RatingPage token={decodeURIComponent(window.location.hash.slice(1))} i18n={createLinkI18n()} />, document.getElementById('root')!);

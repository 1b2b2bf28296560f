/** @jsxImportSource preact */
// First: starts reading the link while the modules below are evaluated.
import { firstLoad, LINK_TOKEN } from './first-request.ts';
import { render } from 'preact';
import './dossier-link.css';
import { createLinkI18n } from './link-i18n.ts';
import { RatingPage } from './RatingPage.tsx';

// No web font: the phone's own font shows Vietnamese (and Khmer) at once, where downloading Noto Sans's
// overlapping subsets would take the bandwidth the first question needs.
render(<RatingPage token={LINK_TOKEN} firstLoad={firstLoad} i18n={createLinkI18n()} />, document.getElementById('root')!);

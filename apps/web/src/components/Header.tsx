import { memo } from 'react';
import { ConnectionStatus } from './ConnectionStatus';
import { CopyLinkButton } from './CopyLinkButton';
import { PauseButton } from './PauseButton';
import { RangePicker } from './RangePicker';
import { ShortcutsHelp } from './ShortcutsHelp';

// memo: App re-renders on every batch of events; nothing here depends on them.
export const Header = memo(function Header() {
  return (
    <header className="header">
      <h1>qmpscope</h1>
      <ConnectionStatus />
      <RangePicker />
      <PauseButton />
      <CopyLinkButton />
      <ShortcutsHelp />
    </header>
  );
});

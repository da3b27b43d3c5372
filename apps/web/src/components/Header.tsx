import { ConnectionStatus } from './ConnectionStatus';
import { CopyLinkButton } from './CopyLinkButton';
import { PauseButton } from './PauseButton';
import { RangePicker } from './RangePicker';
import { ShortcutsHelp } from './ShortcutsHelp';

export function Header() {
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
}

import { ConnectionStatus } from './ConnectionStatus';
import { CopyLinkButton } from './CopyLinkButton';
import { PauseButton } from './PauseButton';
import { RangePicker } from './RangePicker';

export function Header() {
  return (
    <header className="header">
      <h1>qmpscope</h1>
      <ConnectionStatus />
      <RangePicker />
      <PauseButton />
      <CopyLinkButton />
    </header>
  );
}

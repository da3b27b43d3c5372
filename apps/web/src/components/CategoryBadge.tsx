import type { Category } from '@qmpscope/events';

export function CategoryBadge({ category }: { category: Category }) {
  return <span className={`badge cat cat-${category}`}>{category}</span>;
}

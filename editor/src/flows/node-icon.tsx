import { icons, type LucideProps } from 'lucide-react';

type IconName = keyof typeof icons;

/** Catalog icons are lucide names ("message-circle-plus"); lucide-react exports them in PascalCase. */
export function NodeIcon({ name, ...props }: { name: string } & LucideProps) {
  const key = name.replace(/(^|-)([a-z0-9])/g, (_m, _dash: string, c: string) => c.toUpperCase()) as IconName;
  const Icon = icons[key] ?? icons.Box;
  return <Icon aria-hidden="true" {...props} />;
}

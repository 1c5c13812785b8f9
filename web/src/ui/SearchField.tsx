import { useEffect, useState } from 'react';

interface SearchFieldProps {
  id: string;
  /** The search in effect (what the page queries with). */
  value: string;
  /** Called with the trimmed text once the user pauses typing (300 ms), not at every key. */
  onSearch: (search: string) => void;
}

/** The "Symbol or name" search box of the asset lists: typing is local, the search is committed after a pause. */
export function SearchField({ id, value, onSearch }: SearchFieldProps) {
  const [text, setText] = useState(value);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onSearch(text.trim()), 300);
    return () => clearTimeout(timer);
    // Only typing restarts the pause; re-renders (price ticks, a new callback each render) must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, value]);
  return (
    <div className="field">
      <label htmlFor={id}>Search</label>
      <input id={id} type="search" placeholder="Symbol or name" value={text} onChange={(event) => setText(event.target.value)} />
    </div>
  );
}

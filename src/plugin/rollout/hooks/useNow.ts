import { useEffect, useState } from 'react';

/**
 * The current time in milliseconds, moving every `intervalMs`, for "time in phase" labels. A
 * local clock only: no request is made.
 */
export const useNow = (intervalMs: number): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => {
      setNow(Date.now());
    }, intervalMs);
    return () => {
      clearInterval(id);
    };
  }, [intervalMs]);
  return now;
};

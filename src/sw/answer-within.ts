/** The response, or null when it has not come within `ms` (the request goes on; a late answer is dropped). */
export function answerWithin(fetching: Promise<Response>, ms: number): Promise<Response | null> {
  fetching.catch(() => undefined);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(null), ms);
    fetching.then(
      (r) => {
        clearTimeout(timer);
        resolve(r);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

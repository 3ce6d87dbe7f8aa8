import { EventQueue, createRandomStreams } from "@akutt/engine";

/**
 * The floor for the engine's cost per incident: the smallest honest M/M/c event loop
 * (Poisson arrivals, c servers, FIFO queue, exponential service) on the engine's own heap and RNG.
 */
export function mmcFloor(arrivalsPerHour: number, meanServiceSec: number, servers: number, horizonSec: number, seed: number): { customers: number; meanWaitSec: number } {
  const random = createRandomStreams(seed).stream(1, 0);
  const queue = new EventQueue(1024);
  const ARRIVAL = 0;
  const DEPARTURE = 1;
  const ratePerSec = arrivalsPerHour / 3600;
  const waiting: number[] = [];
  let head = 0;
  let busy = 0;
  let customers = 0;
  let waitSum = 0;
  queue.push(-Math.log(random.next()) / ratePerSec, ARRIVAL, 0);
  while (queue.pop()) {
    const now = queue.time;
    if (now > horizonSec) break;
    if (queue.kind === ARRIVAL) {
      customers++;
      queue.push(now - Math.log(random.next()) / ratePerSec, ARRIVAL, 0);
      if (busy < servers) {
        busy++;
        queue.push(now - meanServiceSec * Math.log(random.next()), DEPARTURE, 0);
      } else waiting.push(now);
    } else if (head < waiting.length) {
      waitSum += now - waiting[head++]!;
      queue.push(now - meanServiceSec * Math.log(random.next()), DEPARTURE, 0);
    } else busy--;
  }
  return { customers, meanWaitSec: waitSum / customers };
}

/** The bench's floor over `days`: 60 arrivals an hour, one-hour mean service, 70 servers (a year: about 525,000 customers). */
export function floorRun(days: number, seed: number): { customers: number; meanWaitSec: number } {
  return mmcFloor(60, 3600, 70, days * 86_400, seed);
}

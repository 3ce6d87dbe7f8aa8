import { join, relative } from "node:path";
import { writeFileAtomic } from "@akutt/geo";
import { writeLp, writeMps, type MipModel } from "@akutt/optimise";

/** `--write-model DIR`: the MIP as STEM.lp and STEM.mps (for CBC or another solver); returns the paths written, relative to the working folder. */
export function writeModelFiles(dir: string, mip: MipModel, stem: string): string[] {
  const files = [join(dir, `${stem}.lp`), join(dir, `${stem}.mps`)];
  // Each written aside and renamed: a failure leaves no partial file.
  writeFileAtomic(files[0]!, writeLp(mip));
  writeFileAtomic(files[1]!, writeMps(mip));
  return files.map((file) => relative(process.cwd(), file) || file);
}

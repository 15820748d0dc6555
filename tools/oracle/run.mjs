// Runs each given Python file in a fresh MicroPython (the WebAssembly port, see
// package.json for the pinned release) and writes what it printed to `<name>.exp` next to it.
//
//   node tools/oracle/run.mjs [--timeout-ms N] FILE.py|DIR...
//
// A directory stands for every `.py` file under it.
// Every file runs in its own worker thread, so a fresh interpreter each time and a program
// that never ends can be stopped (`runPython` is synchronous). The `.exp` file holds stdout and
// stderr bytes in the order MicroPython wrote them, then, if the program ended with an uncaught
// exception, the traceback text MicroPython formatted for it (the port hands it to JavaScript
// as a `PythonError` rather than printing it). Exit status: 0 if every file ran, 1 otherwise.
//
// The WebAssembly port has no native emitter: it rejects `@micropython.native` and
// `@micropython.viper`. Such decorator lines are blanked (line numbers stay) before the
// program runs, so the oracle gives the bytecode behaviour the emitters must reproduce.

import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

if (isMainThread) {
  await main(process.argv.slice(2));
} else {
  parentPort.postMessage(await runOne(workerData.source));
}

// In the worker: one interpreter, one program. Output arrives a byte at a time
// (`linebuffer: false`): line buffering would decode each line as UTF-8 and drop both the
// newline and any text after the last newline.
async function runOne(source) {
  const { loadMicroPython } = await import(
    "@micropython/micropython-webassembly-pyscript/micropython.mjs"
  );
  const bytes = [];
  const collect = (chunk) => {
    for (const b of chunk) bytes.push(b);
  };
  const mp = await loadMicroPython({ stdout: collect, stderr: collect, linebuffer: false });
  try {
    mp.runPython(source);
  } catch (error) {
    if (error.name !== "PythonError") {
      return { error: `the interpreter failed: ${error.stack ?? error}` };
    }
    collect(Buffer.from(error.message, "utf8"));
  }
  return { output: Uint8Array.from(bytes) };
}

function runInWorker(source, timeoutMs) {
  return new Promise((resolve) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { source } });
    const timer = setTimeout(() => {
      worker.terminate();
      resolve({ error: `did not finish within ${timeoutMs} ms` });
    }, timeoutMs);
    worker.once("message", (result) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(result);
    });
    worker.once("error", (error) => {
      clearTimeout(timer);
      resolve({ error: `the worker failed: ${error.stack ?? error}` });
    });
  });
}

async function main(args) {
  let timeoutMs = 10000;
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--timeout-ms") {
      timeoutMs = Number(args[++i]);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
        usage(`--timeout-ms needs a positive whole number of milliseconds, got "${args[i]}"`);
      }
    } else if (args[i].startsWith("-")) {
      usage(`unknown option "${args[i]}"`);
    } else if (isDirectory(args[i])) {
      const found = readdirSync(args[i], { recursive: true })
        .filter((name) => name.endsWith(".py"))
        .sort()
        .map((name) => join(args[i], name));
      if (found.length === 0) usage(`no .py files under "${args[i]}"`);
      files.push(...found);
    } else if (!args[i].endsWith(".py")) {
      usage(`"${args[i]}" is neither a .py file nor a directory`);
    } else {
      files.push(args[i]);
    }
  }
  if (files.length === 0) usage("no .py files given");

  let failures = 0;
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const file = files[next++];
      let source;
      try {
        source = readFileSync(file, "utf8");
      } catch (error) {
        console.error(`${file}: cannot read: ${error.message}`);
        failures++;
        continue;
      }
      const result = await runInWorker(withoutEmitterDecorators(source), timeoutMs);
      if (result.error !== undefined) {
        console.error(`${file}: ${result.error}`);
        failures++;
        continue;
      }
      writeFileSync(file.slice(0, -".py".length) + ".exp", result.output);
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), files.length) }, lane));
  console.error(`oracle: ${files.length - failures} of ${files.length} programs ran`);
  process.exitCode = failures === 0 ? 0 : 1;
}

function withoutEmitterDecorators(source) {
  return source.replace(/^[ \t]*@micropython\.(native|viper)[ \t]*$/gm, "");
}

function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function usage(problem) {
  console.error(`error: ${problem}\nusage: node run.mjs [--timeout-ms N] FILE.py|DIR...`);
  process.exit(2);
}

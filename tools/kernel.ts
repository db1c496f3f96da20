/**
 * `deno task kernel`: writes the project-local Deno kernelspec to `.jupyter/kernels/deno/` and
 * prints how to point JupyterLab or VS Code at it.
 *
 * @module
 */
import { installKernelspec, JUPYTER_DIR } from "./jupyter.ts";

const dir = installKernelspec();
console.log(`Kernelspec written to ${dir}`);
console.log(`Start JupyterLab with it:     JUPYTER_PATH=${JUPYTER_DIR} jupyter lab notebooks/`);
console.log(
  `or Jupyter Notebook with it:  JUPYTER_PATH=${JUPYTER_DIR} jupyter notebook notebooks/`,
);
console.log("or install Deno's own kernelspec for every project: deno jupyter --install");

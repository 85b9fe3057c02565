using System.Runtime.CompilerServices;

// The CPU accelerator runs kernels through code that ILGPU emits into a dynamic assembly
// named ILGPURuntime, which must see the internal kernel classes and argument structs.
[assembly: InternalsVisibleTo("ILGPURuntime")]

using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Semantic Kernel's <c>Kernel.InvokeAsync(function, ...)</c>, <c>Kernel.InvokeStreamingAsync(function, ...)</c> and
    /// <c>KernelFunction.InvokeAsync/InvokeStreamingAsync</c> run any kernel function: a prompt function calls the model, a
    /// function made from a C# method runs that method. So these are LLM calls only when the code visibly makes the function
    /// from a prompt: <c>kernel.CreateFunctionFromPrompt(...)</c>, <c>KernelFunctionFactory.CreateFromPrompt(...)</c>, or an
    /// indexer of a plugin loaded from a prompt directory (<c>kernel.ImportPluginFromPromptDirectory(...)["Summarize"]</c>),
    /// followed through locals and fields written once. Anything else (a function from DI, a dictionary, the
    /// <c>(pluginName, functionName)</c> overloads) is not recognised: precision first.
    /// </summary>
    internal sealed class PromptFunctionCalls
    {
        private readonly Compilation compilation;
        private readonly INamedTypeSymbol? kernel;
        private readonly INamedTypeSymbol? kernelFunction;
        private readonly INamedTypeSymbol? kernelPlugin;
        private readonly INamedTypeSymbol? kernelExtensions;
        private readonly INamedTypeSymbol? kernelFunctionFactory;

        public PromptFunctionCalls(Compilation compilation)
        {
            this.compilation = compilation;
            kernel = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Kernel");
            kernelFunction = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelFunction");
            kernelPlugin = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelPlugin");
            kernelExtensions = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelExtensions");
            kernelFunctionFactory = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelFunctionFactory");
        }

        /// <summary>Cheap test on the method alone: could a call to it be a prompt-function invocation?</summary>
        public bool IsCandidate(IMethodSymbol method)
        {
            if (kernelFunction is null || method.Name is not ("InvokeAsync" or "InvokeStreamingAsync"))
            {
                return false;
            }

            var type = method.ContainingType?.OriginalDefinition;
            return SymbolEqualityComparer.Default.Equals(type, kernel) || SymbolEqualityComparer.Default.Equals(type, kernelFunction);
        }

        public LlmCall Recognize(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            var function = SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, kernel)
                ? OperationValues.Argument(invocation, "function")
                : invocation.Instance;
            if (function is null || !IsPromptFunction(function, cancellationToken))
            {
                return LlmCall.None;
            }

            var kind = method.Name == "InvokeStreamingAsync" ? LlmCallKind.Streaming : LlmCallKind.Generation;
            return new LlmCall(kind, LlmSdk.SemanticKernel, method);
        }

        private bool IsPromptFunction(IOperation function, CancellationToken cancellationToken)
        {
            var origin = OperationValues.Trace(function, compilation, cancellationToken);
            switch (origin)
            {
                case IInvocationOperation creation:
                    var creator = creation.TargetMethod.ReducedFrom ?? creation.TargetMethod;
                    return (creator.Name == "CreateFunctionFromPrompt" && IsOn(creator, kernelExtensions))
                        || (creator.Name == "CreateFromPrompt" && IsOn(creator, kernelFunctionFactory));

                // plugin["Summarize"]: the plugin's indexer, on a plugin loaded from a prompt directory.
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } plugin } indexer
                    when IsOn(indexer.Property, kernelPlugin):
                    return OperationValues.Trace(plugin, compilation, cancellationToken) is IInvocationOperation load
                        && (load.TargetMethod.ReducedFrom ?? load.TargetMethod) is { } loader
                        && loader.Name is "ImportPluginFromPromptDirectory" or "CreatePluginFromPromptDirectory"
                        && IsOn(loader, kernelExtensions);

                default:
                    return false;
            }
        }

        private static bool IsOn(ISymbol member, INamedTypeSymbol? type) =>
            type is not null && SymbolEqualityComparer.Default.Equals(member.ContainingType?.OriginalDefinition, type);
    }
}

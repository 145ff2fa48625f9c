// KnownModelSymbols: Microsoft.Extensions.AI's client pipeline steps that rewrite a request's options before it is sent.
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    internal sealed partial class KnownModelSymbols
    {
        /// <summary><c>ConfigureOptionsChatClientBuilderExtensions</c>: <c>builder.ConfigureOptions(o => ...)</c> runs its lambda on every request's options.</summary>
        public INamedTypeSymbol? ConfigureOptionsExtensions { get; }

        /// <summary><c>chatClient.AsBuilder().ConfigureOptions(configure)</c> (or the static call).</summary>
        public bool IsConfigureOptions(IMethodSymbol method) =>
            method.Name == "ConfigureOptions" && ConfigureOptionsExtensions != null && Is(method.ContainingType, ConfigureOptionsExtensions);
    }
}

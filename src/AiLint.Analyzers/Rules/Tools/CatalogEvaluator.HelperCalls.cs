using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A helper of the project handed the request's options object (<c>service.RegisterTools(new ChatCompletionOptions())</c>,
    /// <c>options.AddAppTools(registry)</c>) read as if its body were written at one call: its inputs hold what that call
    /// passes, so a registry receiver is the caller's injected registry (see <see cref="OptionsFillingHelpers"/>).
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>The call whose arguments the helper's inputs hold; null outside such a reading.</summary>
        private IInvocationOperation? _helperCall;

        /// <summary>The helper called by <see cref="_helperCall"/>, as declared.</summary>
        private IMethodSymbol? _helper;

        /// <summary>Reads the caller's arguments where the call is written (its type's locals and fields).</summary>
        private CatalogEvaluator? _helperCaller;

        /// <summary>
        /// An evaluator for the sinks of <paramref name="helper"/> (indexed by <paramref name="helperIndex"/>) whose inputs
        /// hold the arguments of <paramref name="call"/>, read by <paramref name="caller"/>.
        /// </summary>
        internal static CatalogEvaluator ForHelperCall(KnownToolSymbols symbols, TypeIndex helperIndex, int cap, ProjectCatalogs project,
            IMethodSymbol helper, IInvocationOperation call, CatalogEvaluator caller) =>
            new CatalogEvaluator(symbols, helperIndex, cap, project) { _helperCall = call, _helper = helper.OriginalDefinition, _helperCaller = caller };

        /// <summary>
        /// The helper's catalog as the call fills it. Sources found in the helper's body enter the caller's catalog at
        /// <paramref name="entry"/> (the options argument), through the call; a <c>Take</c> there would cap nothing, so
        /// they are not fixable.
        /// </summary>
        internal CatalogContent EvaluateHelperSink(CatalogSink sink, IOperation entry)
        {
            var content = EvaluateSink(sink);
            if (content.Unbounded.IsEmpty)
            {
                return content;
            }

            var suffix = $", through '{Describe(_helperCall!.Syntax)}'";
            var sources = ImmutableArray.CreateBuilder<UnboundedSource>();
            foreach (var source in content.Unbounded)
            {
                sources.Add(source.Through(suffix, entry, fixable: false));
            }

            return content.WithUnboundedSources(sources.ToImmutable());
        }

        /// <summary>
        /// Whether <paramref name="instance"/> reads an input of the helper bound to the call; <paramref name="isRegistry"/>
        /// then says whether the caller's argument is an injected registry where the caller wrote it.
        /// </summary>
        private bool IsBoundHelperInput(IOperation instance, out bool isRegistry)
        {
            isRegistry = false;
            if (_helperCall == null || !(instance is IParameterReferenceOperation reference) || HelperArgument(reference.Parameter) is not { } argument)
            {
                return false;
            }

            isRegistry = _helperCaller!.IsRegistry(argument);
            return true;
        }

        /// <summary>
        /// What the call passes for <paramref name="parameter"/>: the argument in the same position, or the receiver for
        /// the parameter of a C# 14 <c>extension(IToolsService s)</c> block (declared by the block, not by the member).
        /// </summary>
        private IOperation? HelperArgument(IParameterSymbol parameter)
        {
            var call = _helperCall!;
            switch (parameter.ContainingSymbol)
            {
                case IMethodSymbol method when SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, _helper):
                    foreach (var argument in call.Arguments)
                    {
                        if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter?.Ordinal == parameter.Ordinal)
                        {
                            return argument.Value;
                        }
                    }

                    return null;
                case INamedTypeSymbol block when SymbolEqualityComparer.Default.Equals(block.OriginalDefinition, _helper!.ContainingType?.OriginalDefinition):
                    return call.Instance;
                default:
                    return null;
            }
        }
    }
}

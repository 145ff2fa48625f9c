using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A method of the project that is handed a request's options object and fills its <c>Tools</c>
    /// (<c>var options = toolsService.RegisterTools(new ChatCompletionOptions());</c>, <c>options.AddAppTools(registry);</c>),
    /// a common way to share one tool set across request methods, as a classic <c>this</c> extension, a C# 14
    /// <c>extension(IToolsService s) { ... }</c> member or a plain method. Its body is read as if written at each call that
    /// then sends those options to the model, one level deep.
    /// </summary>
    internal static class OptionsFillingHelpers
    {
        /// <summary>
        /// The options parameter of a source method whose body fills the sink (<c>options.Tools.Add(tool)</c>), when the
        /// method neither replaces it nor is abstract; null otherwise.
        /// </summary>
        public static IParameterSymbol? OptionsParameter(CatalogSink sink, TypeIndex index, ProjectCatalogs project)
        {
            return sink.Holder is IParameterSymbol { RefKind: RefKind.None, IsParams: false } parameter
                && parameter.ContainingSymbol is IMethodSymbol { IsAbstract: false, MethodKind: MethodKind.Ordinary } method
                && project.IsInSource(method.OriginalDefinition)
                && !index.ChangedParameters.Contains(parameter.OriginalDefinition)
                && !project.Symbols.IsToolCollection(parameter.Type)
                    ? parameter
                    : null;
        }

        /// <summary>
        /// Whether the options object <paramref name="call"/> is given as <paramref name="argument"/> is then handed to a
        /// request in the calling method: the local passed in, or the helper's result when every <c>return</c> of the
        /// helper gives back the options parameter, is an argument of an SDK method that takes the options type
        /// (<c>chatClient.CompleteChatAsync(messages, options)</c>, <c>GetResponseAsync(question, options)</c>). Options
        /// only inspected, stored or returned further are not followed.
        /// </summary>
        public static bool ReachesRequest(IInvocationOperation call, IOperation argument, IParameterSymbol options, ProjectCatalogs project)
        {
            var optionsType = options.Type;
            var locals = new List<ILocalSymbol>();
            if (TypeIndex.Strip(argument) is ILocalReferenceOperation passed)
            {
                locals.Add(passed.Local);
            }

            if (ReturnsOptions(options, project))
            {
                switch (ResultUser(call))
                {
                    case IArgumentOperation direct when IsRequestArgument(direct, optionsType, project):
                        return true;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        locals.Add(declarator.Symbol);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation assigned }:
                        locals.Add(assigned.Local);
                        break;
                }
            }

            if (locals.Count == 0)
            {
                return false;
            }

            var root = (IOperation)call;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && locals.Exists(local => SymbolEqualityComparer.Default.Equals(local, reference.Local))
                    && UserOf(reference) is IArgumentOperation used && IsRequestArgument(used, optionsType, project))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every value the helper returns is its options parameter (<c>return options;</c>).</summary>
        private static bool ReturnsOptions(IParameterSymbol options, ProjectCatalogs project)
        {
            var values = project.ReturnedValues(((IMethodSymbol)options.ContainingSymbol).OriginalDefinition);
            if (values.Count == 0)
            {
                return false;
            }

            foreach (var value in values)
            {
                if (!(TypeIndex.Strip(value) is IParameterReferenceOperation returned
                    && SymbolEqualityComparer.Default.Equals(returned.Parameter.OriginalDefinition, options.OriginalDefinition)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>What uses the call's result, past conversions, <c>await</c> and <c>ConfigureAwait</c>.</summary>
        private static IOperation? ResultUser(IOperation call)
        {
            var current = call;
            while (true)
            {
                var parent = current.Parent;
                if (parent is IConversionOperation || parent is IAwaitOperation
                    || parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured && ReferenceEquals(configured.Instance, current))
                {
                    current = parent;
                    continue;
                }

                return parent;
            }
        }

        private static IOperation? UserOf(IOperation operation)
        {
            var parent = operation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent;
        }

        /// <summary>An argument of a method outside the project (the SDK's request) whose parameter is the options type.</summary>
        private static bool IsRequestArgument(IArgumentOperation argument, ITypeSymbol optionsType, ProjectCatalogs project) =>
            argument.Parent is IInvocationOperation request
            && !project.IsInSource(request.TargetMethod.OriginalDefinition)
            && argument.Parameter?.Type is { } type
            && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, optionsType.OriginalDefinition);
    }
}

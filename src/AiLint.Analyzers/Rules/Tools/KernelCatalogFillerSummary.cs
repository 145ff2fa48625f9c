using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Semantic Kernel helpers across projects (AIL0202): a library declares
    /// <c>public static Task&lt;KernelPlugin&gt; AddMcpFunctionsFromStdioServerAsync(this KernelPluginCollection plugins, ...)</c>,
    /// whose body registers every tool an MCP server lists (<c>plugins.AddFromFunctions(key, functions)</c>), and an app
    /// that asks for <c>FunctionChoiceBehavior.Auto()</c> calls <c>kernel.Plugins.AddMcpFunctionsFromStdioServerAsync(...)</c>.
    /// In one project the registration is reported in the helper; the app sees only metadata. So the library records,
    /// under <see cref="Key"/>, each public non-virtual, non-generic method of a public type with a <c>Kernel</c>,
    /// <c>IKernelBuilder</c>, <c>KernelPluginCollection</c> or <c>IKernelBuilderPlugins</c> parameter that its own
    /// <see cref="CatalogEvaluator"/> finds filled with a whole unbounded list: a function-list registration on that
    /// parameter (directly, or in a method of the project the parameter is handed to, up to <see cref="MaxHandOvers"/>
    /// levels) whose functions carry an MCP server's whole list or reflection over a type that is not fixed. Value:
    /// <c>docId|ordinal|kind</c>, kind <see cref="Mcp"/> or <see cref="Reflection"/>. The app reads the record as if the
    /// helper's body were its own: AIL0202 at the call, when the app asks for automatic choice among a kernel's functions.
    /// </summary>
    internal static class KernelCatalogFillerSummary
    {
        public const string Key = "AiLint.KernelCatalogFiller";

        /// <summary>The helper registers an MCP server's whole tool list.</summary>
        public const string Mcp = "mcp";

        /// <summary>The helper registers functions made by reflection over a type it does not fix (an object it is given).</summary>
        public const string Reflection = "reflection";

        /// <summary>How many hand-overs of the parameter to further methods of the library are followed.</summary>
        private const int MaxHandOvers = 3;

        private const string PluginCollectionName = "Microsoft.SemanticKernel.KernelPluginCollection";

        private static readonly HashSet<string> KernelTypeNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "Kernel", "IKernelBuilder", "KernelPluginCollection", "IKernelBuilderPlugins",
        };

        private static readonly ConditionalWeakTable<Compilation, Records> Referenced = new ConditionalWeakTable<Compilation, Records>();

        /// <summary>
        /// The library side. Only declarations written <c>public</c>, with a body and a parameter whose type is spelled as
        /// one of the kernel types, get a symbol; nothing is bound in a project that does not reference Semantic Kernel.
        /// </summary>
        public static List<SummaryEntry> Entries(Compilation compilation, CancellationToken cancellationToken)
        {
            var entries = new List<SummaryEntry>();
            Filler? filler = null;
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(descendIntoChildren: child => child is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    if (node is not MethodDeclarationSyntax declaration || (declaration.Body == null && declaration.ExpressionBody == null)
                        || !declaration.Modifiers.Any(SyntaxKind.PublicKeyword) || !SpellsKernelParameter(declaration.ParameterList))
                    {
                        continue;
                    }

                    if (filler == null)
                    {
                        var symbols = compilation.GetTypeByMetadataName(PluginCollectionName) != null
                            ? KnownToolSymbols.TryCreate(compilation)
                            : null;
                        if (symbols == null)
                        {
                            return entries;
                        }

                        filler = new Filler(compilation, symbols, cancellationToken);
                    }

                    var model = SourceBodies.GetSemanticModel(compilation, tree);
                    if (model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method
                        || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsGenericMethod
                        || !ProjectSummaryBuilder.IsRecordable(method) || method.GetDocumentationCommentId() is not { } docId)
                    {
                        continue;
                    }

                    foreach (var parameter in method.Parameters)
                    {
                        if (KernelPlugins.IsKernelParameter(parameter) && filler.Fills(method, parameter, 0) is { } kind)
                        {
                            entries.Add(new SummaryEntry(Key, docId + "|" + parameter.Ordinal.ToString(CultureInfo.InvariantCulture) + "|" + kind));
                        }
                    }
                }
            }

            return entries;
        }

        /// <summary>
        /// The app side: what a referenced assembly recorded its method <paramref name="method"/> registers on the kernel
        /// passed as parameter <paramref name="ordinal"/> (<see cref="Mcp"/> or <see cref="Reflection"/>); null when nothing.
        /// </summary>
        public static string? RecordedKind(IMethodSymbol method, int ordinal, Compilation compilation)
        {
            method = method.OriginalDefinition;
            if (method.DeclaringSyntaxReferences.Length != 0 || method.ContainingAssembly is not { } assembly)
            {
                return null;
            }

            var records = Referenced.GetValue(compilation, Read);
            return records.Kinds.Count > 0 && records.Names.Contains(method.Name) && method.GetDocumentationCommentId() is { } docId
                && records.Kinds.TryGetValue(assembly.Identity.Name + "|" + docId + "|" + ordinal.ToString(CultureInfo.InvariantCulture), out var kind)
                ? kind
                : null;
        }

        /// <summary>
        /// <paramref name="sinkNames"/> and the names of the recorded helpers: a file that calls one must reach the analyzer
        /// although it spells no registration of its own (<see cref="SinkTextPrefilter"/>). The references are read once
        /// per compilation, and only when Semantic Kernel is referenced.
        /// </summary>
        public static HashSet<string> WithRecordedNames(HashSet<string> sinkNames, Compilation compilation)
        {
            sinkNames.UnionWith(Referenced.GetValue(compilation, Read).Names);
            return sinkNames;
        }

        /// <summary>Whether some referenced assembly recorded a helper (read once per compilation).</summary>
        public static bool AnyRecorded(Compilation compilation) => Referenced.GetValue(compilation, Read).Kinds.Count > 0;

        private static bool SpellsKernelParameter(ParameterListSyntax parameters)
        {
            foreach (var parameter in parameters.Parameters)
            {
                if (LastName(parameter.Type) is { } name && KernelTypeNames.Contains(name))
                {
                    return true;
                }
            }

            return false;
        }

        private static string? LastName(TypeSyntax? type) => type switch
        {
            NullableTypeSyntax nullable => LastName(nullable.ElementType),
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

        private static Records Read(Compilation compilation)
        {
            // A project without Semantic Kernel has no kernel to hand a helper: its references are not read.
            var records = new Records();
            if (compilation.GetTypeByMetadataName(PluginCollectionName) == null)
            {
                return records;
            }

            foreach (var (assembly, value) in SummaryRecords.Of(compilation, Key))
            {
                // docId|ordinal|kind as a whole: a later writer's other form is a helper this reader does not know.
                var parts = value.Split('|');
                if (parts.Length == 3 && parts[0].StartsWith("M:", StringComparison.Ordinal)
                    && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)
                    && (parts[2] == Mcp || parts[2] == Reflection) && MethodName(parts[0]) is { } name)
                {
                    records.Kinds[assembly.Identity.Name + "|" + parts[0] + "|" + parts[1]] = parts[2];
                    records.Names.Add(name);
                }
            }

            return records;
        }

        /// <summary><c>M:Lib.KernelExtensions.AddTools(...)</c> gives <c>AddTools</c>.</summary>
        private static string? MethodName(string docId)
        {
            var end = docId.IndexOf('(');
            var qualified = end < 0 ? docId : docId.Substring(0, end);
            var name = qualified.Substring(qualified.LastIndexOf('.') + 1);
            return name.Length == 0 ? null : name;
        }

        private sealed class Records
        {
            public Dictionary<string, string> Kinds { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

            public HashSet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal);
        }

        /// <summary>Reads, once per parameter, whether a method of the library fills that kernel parameter from a whole list.</summary>
        private sealed class Filler
        {
            private readonly Compilation _compilation;
            private readonly KnownToolSymbols _symbols;
            private readonly ProjectCatalogs _project;
            private readonly CancellationToken _cancellationToken;
            private readonly Dictionary<IParameterSymbol, string?> _known = new Dictionary<IParameterSymbol, string?>(SymbolEqualityComparer.Default);
            private readonly HashSet<IParameterSymbol> _reading = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);

            public Filler(Compilation compilation, KnownToolSymbols symbols, CancellationToken cancellationToken)
            {
                _compilation = compilation;
                _symbols = symbols;
                _cancellationToken = cancellationToken;
                _project = new ProjectCatalogs(compilation, symbols, cancellationToken);
            }

            public string? Fills(IMethodSymbol method, IParameterSymbol parameter, int depth)
            {
                parameter = parameter.OriginalDefinition;
                if (_known.TryGetValue(parameter, out var known))
                {
                    return known;
                }

                // A recursive hand-over adds nothing the first reading does not find.
                if (!_reading.Add(parameter))
                {
                    return null;
                }

                string? kind;
                try
                {
                    kind = Read(method.OriginalDefinition, parameter, depth);
                }
                finally
                {
                    _reading.Remove(parameter);
                }

                _known[parameter] = kind;
                return kind;
            }

            private string? Read(IMethodSymbol method, IParameterSymbol parameter, int depth)
            {
                // A helper whose call may run another body (virtual, abstract) or that has none is not read.
                if (method is not { IsAbstract: false, IsVirtual: false, IsOverride: false, IsExtern: false, IsPartialDefinition: false }
                    || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
                    || !_project.IsInSource(method) || method.ContainingType is not { } type)
                {
                    return null;
                }

                // The body alone in an index of its own, as KernelPlugins.CountHelper reads a helper of the project.
                var bodies = new List<IOperation>(SourceBodies.GetBodies(method, _compilation, _cancellationToken));
                var body = new TypeIndex(_symbols);
                foreach (var operation in bodies)
                {
                    body.Add(operation);
                }

                // A helper that reassigns its parameter fills another kernel.
                if (body.ChangedParameters.Contains(parameter))
                {
                    return null;
                }

                CatalogEvaluator? evaluator = null;
                foreach (var kernel in body.Kernels)
                {
                    if (kernel.Holder == null || !SymbolEqualityComparer.Default.Equals(kernel.Holder.OriginalDefinition, parameter) || kernel.Shrinks)
                    {
                        continue;
                    }

                    foreach (var registration in kernel.Registrations)
                    {
                        if (FunctionsOf(registration) is not { } functions)
                        {
                            continue;
                        }

                        // The function list read with the helper's type around it (its fields, its builders), at the default cap.
                        evaluator ??= new CatalogEvaluator(_symbols, _project.IndexOf(type), AiLintOptions.DefaultMaxTools, _project, depth: 1);
                        if (KindOf(evaluator.Collection(functions, functions)) is { } kind)
                        {
                            return kind;
                        }
                    }
                }

                return depth < MaxHandOvers ? HandedOn(bodies, parameter, depth) : null;
            }

            /// <summary>What a method of the project the parameter (or its <c>Plugins</c>) is handed to registers there.</summary>
            private string? HandedOn(List<IOperation> bodies, IParameterSymbol parameter, int depth)
            {
                foreach (var body in bodies)
                {
                    foreach (var operation in body.DescendantsAndSelf())
                    {
                        if (operation is not IInvocationOperation call || call.TargetMethod.OriginalDefinition.DeclaringSyntaxReferences.Length == 0)
                        {
                            continue;
                        }

                        foreach (var argument in call.Arguments)
                        {
                            if (KernelPlugins.IsKernelParameter(argument.Parameter) && Passes(argument.Value, parameter)
                                && Fills(call.TargetMethod, argument.Parameter!, depth + 1) is { } kind)
                            {
                                return kind;
                            }
                        }
                    }
                }

                return null;
            }

            private static bool Passes(IOperation value, IParameterSymbol parameter)
            {
                var passed = TypeIndex.Strip(value);
                if (KernelPlugins.IsPluginsProperty(passed))
                {
                    passed = TypeIndex.Strip(((IPropertyReferenceOperation)passed!).Instance);
                }

                return passed is IParameterReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter);
            }

            /// <summary>
            /// The function list of <c>AddFromFunctions</c>/<c>ImportPluginFromFunctions</c>, or of the
            /// <c>KernelPluginFactory.CreateFromFunctions(...)</c> a <c>Plugins.Add</c> is given; null for other registrations.
            /// </summary>
            private static IOperation? FunctionsOf(IInvocationOperation registration)
            {
                var list = registration;
                if (!KernelPlugins.FunctionListRegistrations.Contains(list.TargetMethod.Name) || !KernelPlugins.IsRegistration(list.TargetMethod))
                {
                    if (registration.Arguments.Length == 0
                        || TypeIndex.Strip(registration.Arguments[registration.Arguments.Length - 1].Value) is not IInvocationOperation created
                        || !KernelPlugins.IsRegistration(created.TargetMethod) || !KernelPlugins.FunctionListRegistrations.Contains(created.TargetMethod.Name))
                    {
                        return null;
                    }

                    list = created;
                }

                foreach (var argument in list.Arguments)
                {
                    if (argument.Parameter?.Name == "functions" && argument.ArgumentKind == ArgumentKind.Explicit)
                    {
                        return argument.Value;
                    }
                }

                return null;
            }

            /// <summary>
            /// What kind of whole list the functions carry: an MCP server's, or reflection over a type the library does not
            /// fix. Not recorded: an injected registry or collection (the app decides what it holds) or reflection over a
            /// type the library declares (fixed when the app builds; the library's own analysis reports it).
            /// </summary>
            private static string? KindOf(CatalogContent content)
            {
                if (content.Unbounded.IsEmpty)
                {
                    return null;
                }

                var reflection = true;
                foreach (var source in content.Unbounded)
                {
                    if (source.Description.StartsWith("the injected", StringComparison.Ordinal))
                    {
                        return null;
                    }

                    reflection &= source.GrowsWith == null && source.Description.StartsWith("reflection", StringComparison.Ordinal);
                }

                return content.FromMcp ? Mcp : reflection ? Reflection : null;
            }
        }
    }
}

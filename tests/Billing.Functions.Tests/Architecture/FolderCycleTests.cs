using System.Reflection;
using System.Reflection.Emit;
using Billing.Functions;

namespace Billing.Functions.Tests.Architecture;

/// <summary>
/// The folders of functions (one namespace each: Decisions, Endpoints, Hosting, RenewalRun...) depend
/// on each other in one direction only. Read from the compiled assembly: every type a type names in
/// its signatures, fields, attributes and method bodies (IL), lambdas and async state machines
/// counted with the type that wrote them.
/// </summary>
public class FolderCycleTests
{
    private const string Root = "Billing.Functions";
    private const string RootFolder = "(root)";

    [Fact]
    public void No_two_folders_of_functions_depend_on_each_other_even_through_others()
    {
        var graph = FolderGraph(typeof(BillingServer).Assembly);

        var cycles = StronglyConnected(graph).Where(c => c.Count > 1).ToList();

        Assert.True(
            cycles.Count == 0,
            "Folders of functions that depend on each other: " + string.Join("; ", cycles.Select(c => Describe(c, graph))));
    }

    [Fact]
    public void The_cycle_check_sees_a_dependency_written_only_inside_a_method_body()
    {
        // Guards the guard: BillingServer names CustomHandler (Hosting) only inside the body of Build.
        var graph = FolderGraph(typeof(BillingServer).Assembly);

        Assert.Contains("Hosting", graph[RootFolder].Keys);
        Assert.Single(StronglyConnected(new() { ["A"] = new() { ["B"] = "a" }, ["B"] = new() { ["A"] = "b" } }));
    }

    /// <summary>Folder -> the folders it uses, each with one example (type -> type) to name in a failure.</summary>
    private static Dictionary<string, Dictionary<string, string>> FolderGraph(Assembly assembly)
    {
        var graph = new Dictionary<string, Dictionary<string, string>>();
        foreach (var type in assembly.GetTypes())
        {
            if (FolderOf(type) is not { } from)
            {
                continue;
            }

            var edges = graph.TryGetValue(from, out var known) ? known : graph[from] = [];
            foreach (var used in Referenced(type))
            {
                if (FolderOf(used) is { } to && to != from)
                {
                    edges.TryAdd(to, $"{Outermost(type).Name} -> {Outermost(used).Name}");
                }
            }
        }

        return graph;
    }

    private static string? FolderOf(Type type)
    {
        var outermost = Outermost(type);
        if (outermost.Name.StartsWith('<'))
        {
            return null; // the compiler's own (anonymous types, collection literals), shared by every folder
        }

        var name = outermost.Namespace;
        if (name is null or Root)
        {
            return RootFolder;
        }

        return name is not null && name.StartsWith(Root + ".", StringComparison.Ordinal) ? name[(Root.Length + 1)..].Split('.')[0] : null;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static HashSet<Type> Referenced(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || !found.Add(t))
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
            }

            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }
        }

        Add(type.BaseType);
        foreach (var contract in type.GetInterfaces())
        {
            Add(contract);
        }

        foreach (var attribute in type.GetCustomAttributesData())
        {
            Add(attribute.AttributeType);
        }

        foreach (var field in type.GetFields(Everything))
        {
            Add(field.FieldType);
        }

        foreach (var property in type.GetProperties(Everything))
        {
            Add(property.PropertyType);
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }

            foreach (var used in InBody(method))
            {
                Add(used);
            }
        }

        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The types a method's IL names: types, and the declaring types of the methods and fields it calls or reads.</summary>
    private static IEnumerable<Type> InBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var code = OpCodesByValue[value];
            if (code.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, at);
                MemberInfo? member;
                try
                {
                    member = module.ResolveMember(token, typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    member = null;
                }

                switch (member)
                {
                    case Type named:
                        yield return named;
                        break;
                    case MethodBase called:
                        yield return called.DeclaringType!;
                        if (called is MethodInfo calledMethod)
                        {
                            yield return calledMethod.ReturnType;
                            foreach (var argument in calledMethod.IsGenericMethod ? calledMethod.GetGenericArguments() : [])
                            {
                                yield return argument;
                            }
                        }

                        break;
                    case FieldInfo read:
                        yield return read.DeclaringType!;
                        yield return read.FieldType;
                        break;
                }
            }

            at += OperandSize(code, il, at);
        }
    }

    private static int OperandSize(OpCode code, byte[] il, int at) => code.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };

    /// <summary>Tarjan's strongly connected components: a component of more than one folder is a cycle.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var components = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in graph.GetValueOrDefault(node)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next) && index.TryGetValue(next, out var reached))
                {
                    low[node] = Math.Min(low[node], reached);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in graph.Keys)
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return components;
    }

    private static string Describe(List<string> cycle, Dictionary<string, Dictionary<string, string>> graph) =>
        string.Join(", ", cycle.SelectMany(from => graph[from].Where(e => cycle.Contains(e.Key)).Select(e => $"{from} -> {e.Key} ({e.Value})")));
}

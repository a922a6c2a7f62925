package buffer;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Hidden checks of OrderQueue's single-threaded contract, and that it is built rather than borrowed. */
@DisplayName("OrderQueue's contract")
class OrderQueueContractTest {

    @Test
    @Tag("task:5")
    @DisplayName("Orders leave in the order they were put, size() counts them, and a closed queue drains, then gives null")
    void keepsTheContract() throws InterruptedException {
        OrderQueue<String> queue = new OrderQueue<>(3);
        assertThat(queue.size()).as("size() of a new queue").isZero();
        queue.put("chai-1");
        queue.put("chai-2");
        queue.put("chai-3");
        assertThat(queue.size()).as("size() after three puts into a queue of capacity 3").isEqualTo(3);
        assertThat(queue.take()).as("first take() after putting chai-1, chai-2, chai-3").isEqualTo("chai-1");
        queue.put("chai-4");
        assertThat(List.of(queue.take(), queue.take(), queue.take())).as("the next three take() calls")
                .containsExactly("chai-2", "chai-3", "chai-4");
        queue.put("chai-5");
        queue.close();
        queue.close();
        assertThatThrownBy(() -> queue.put("chai-6")).as("put on a closed queue")
                .isInstanceOf(IllegalStateException.class);
        assertThat(queue.size()).as("size() after a refused put on a closed queue holding one order").isEqualTo(1);
        assertThat(queue.take()).as("take() on a closed queue that still holds chai-5").isEqualTo("chai-5");
        assertThat(queue.take()).as("take() on a closed, empty queue").isNull();
        assertThat(queue.take()).as("take() again on a closed, empty queue").isNull();
        OrderQueue<Integer> one = new OrderQueue<>(1);
        one.put(7);
        assertThat(one.size()).as("size() of a full queue of capacity 1").isEqualTo(1);
    }

    @Test
    @Tag("task:5")
    @DisplayName("Bad arguments are refused: a capacity below 1 and a null order")
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new OrderQueue<String>(0)).as("new OrderQueue(0)")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderQueue<String>(-3)).as("new OrderQueue(-3)")
                .isInstanceOf(IllegalArgumentException.class);
        OrderQueue<String> queue = new OrderQueue<>(2);
        assertThatThrownBy(() -> queue.put(null)).as("put(null)").isInstanceOf(NullPointerException.class);
        assertThat(queue.size()).as("size() after put(null) was refused").isZero();
    }

    @Test
    @Tag("task:5")
    @DisplayName("The queue is built on a monitor or java.util.concurrent.locks, not on another java.util.concurrent class")
    void buildsItsOwnQueue() throws Exception {
        Set<String> borrowed = new LinkedHashSet<>();
        List<Class<?>> classes = new ArrayList<>(List.of(OrderQueue.class));
        classes.addAll(List.of(OrderQueue.class.getDeclaredClasses()));
        for (Class<?> c : classes) {
            for (Field f : c.getDeclaredFields()) {
                if (forbidden(f.getType())) {
                    borrowed.add("field " + f.getName() + " of type " + f.getType().getName());
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (forbidden(m.getReturnType())) {
                    borrowed.add("method " + m.getName() + " returning " + m.getReturnType().getName());
                }
            }
        }
        OrderQueue<String> queue = new OrderQueue<>(1);
        for (Field f : OrderQueue.class.getDeclaredFields()) {
            if (!f.getType().isPrimitive() && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                Object value = f.get(queue);
                if (value != null && forbidden(value.getClass())) {
                    borrowed.add("field " + f.getName() + " holding a " + value.getClass().getName());
                }
            }
        }
        try (Parties scene = new Parties()) {
            scene.onClose(() -> OrderQueueHiddenTest.drain(queue));
            Parties.Party kitchen = scene.start("kitchen-1", queue::take);
            if (scene.awaitWaiting(kitchen, "take()", "the queue is empty") != Parties.Wait.RETURNED) {
                StackTraceElement[] stack = kitchen.thread.getStackTrace();
                for (int i = 1; i < stack.length; i++) {
                    if (Parties.student(stack[i].getClassName()) && !Parties.student(stack[i - 1].getClassName())) {
                        if (forbiddenName(stack[i - 1].getClassName())) {
                            borrowed.add("take() waits in " + stack[i - 1].getClassName() + "."
                                    + stack[i - 1].getMethodName());
                        }
                        break;
                    }
                }
            }
        }
        if (!borrowed.isEmpty()) {
            fail("OrderQueue is built on a ready-made java.util.concurrent class: %s. The exercise is to build the "
                    + "queue yourself, on a monitor (synchronized, wait, notifyAll) or on java.util.concurrent.locks "
                    + "(ReentrantLock and its Conditions); keep the orders in a plain collection such as ArrayDeque.",
                    String.join("; ", borrowed));
        }
    }

    private static boolean forbidden(Class<?> type) {
        Class<?> t = type;
        while (t.isArray()) {
            t = t.getComponentType();
        }
        return forbiddenName(t.getName());
    }

    private static boolean forbiddenName(String name) {
        return name.startsWith("java.util.concurrent.") && !name.startsWith("java.util.concurrent.locks.");
    }
}

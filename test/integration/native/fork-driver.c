/*
 * Uses libvmcompute_sim from a process that forks: the parent connects and registers a callback, then the child
 * (which inherits the parent's socket, threads gone) must start over on a connection of its own, and the parent
 * must go on using its own. Prints one line per step for native-vmcompute.test.ts to check.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../../sim/native/vmcompute_sim.h"

static void ignore(uint32_t type, void *context, int32_t status, const char16_t *data) {
  (void)type, (void)context, (void)status, (void)data;
}

static void step(const char *who) {
  PWSTR systems = NULL;
  HRESULT hr = HcsEnumerateComputeSystems(u"", &systems, NULL);
  printf("%s pid=%d hr=0x%08x state=%d registrations=%d answer=", who, (int)getpid(), (unsigned)hr,
         SimConnectionState(), SimLiveRegistrations());
  for (const char16_t *p = systems; p && *p; p++) putchar(*p < 128 ? (char)*p : '?');
  putchar('\n');
  fflush(stdout);
  CoTaskMemFree(systems);
}

int main(void) {
  alarm(20); /* never outlive a failed test by long */
  HCS_CALLBACK registration = NULL;
  if (HcsRegisterComputeSystemCallback((HCS_SYSTEM)1, ignore, NULL, &registration) != 0) return 2;
  step("parent");
  pid_t pid = fork();
  if (pid < 0) return 3;
  if (pid == 0) {
    alarm(20); /* alarms are not inherited */
    step("child");
    return 0;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  step("parent");
  return HcsUnregisterComputeSystemCallback(registration) == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0
             ? 0
             : 4;
}

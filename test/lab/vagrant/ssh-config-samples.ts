// Test support: `vagrant ssh-config` output as VirtualBox and libvirt print it.

// As `vagrant ssh-config` prints it (templates/commands/ssh_config/config.erb),
// including the blank lines its IdentityFile loop leaves.
export const virtualbox = `Host master
  HostName 127.0.0.1
  User vagrant
  Port 2222
  UserKnownHostsFile /dev/null
  StrictHostKeyChecking no
  PasswordAuthentication no

  IdentityFile /home/ana/deckhand/.vagrant/machines/master/virtualbox/private_key

  IdentitiesOnly yes
  LogLevel FATAL
  PubkeyAcceptedKeyTypes +ssh-rsa
  HostKeyAlgorithms +ssh-rsa

Host worker1
  HostName 127.0.0.1
  User vagrant
  Port 2200
  UserKnownHostsFile /dev/null
  StrictHostKeyChecking no
  PasswordAuthentication no
  IdentityFile /home/ana/deckhand/.vagrant/machines/worker1/virtualbox/private_key
  IdentitiesOnly yes
  LogLevel FATAL

Host worker2
  HostName 127.0.0.1
  User vagrant
  Port 2201
  UserKnownHostsFile /dev/null
  StrictHostKeyChecking no
  PasswordAuthentication no
  IdentityFile /home/ana/deckhand/.vagrant/machines/worker2/virtualbox/private_key
  IdentitiesOnly yes
  LogLevel FATAL

`;

export const libvirt = `Host master
  HostName 192.168.121.87
  User vagrant
  Port 22
  UserKnownHostsFile /dev/null
  StrictHostKeyChecking no
  PasswordAuthentication no
  IdentityFile /srv/lab/deckhand/.vagrant/machines/master/libvirt/private_key
  IdentitiesOnly yes
  LogLevel FATAL

Host worker1
  HostName 192.168.121.143
  User vagrant
  Port 22
  UserKnownHostsFile /dev/null
  StrictHostKeyChecking no
  PasswordAuthentication no
  IdentityFile /srv/lab/deckhand/.vagrant/machines/worker1/libvirt/private_key
  IdentitiesOnly yes
  LogLevel FATAL
  ProxyCommand ssh 'kvmhost.example' -l 'ana' -i '/home/ana/.ssh/id_ed25519' nc %h %p
`;

export const spaces = `Host master\r
  HostName 127.0.0.1\r
  User vagrant\r
  Port 2222\r
  UserKnownHostsFile /dev/null\r
  StrictHostKeyChecking no\r
  PasswordAuthentication no\r
  IdentityFile "/home/ana/My Projects/deck hand/.vagrant/machines/master/virtualbox/private_key"\r
  IdentitiesOnly yes\r
  LogLevel FATAL\r
`;

// config.ssh.insert_key = false: Vagrant's shared insecure keys, two of them.
export const insecure = `Host worker2
  HostName=127.0.0.1
  user vagrant
  PORT 2201
  IdentityFile /home/ana/.vagrant.d/insecure_private_keys/vagrant.key.ed25519
  IdentityFile /home/ana/.vagrant.d/insecure_private_keys/vagrant.key.rsa
`;
